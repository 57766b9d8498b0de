package org.loyalty.api.privacy;

import java.util.Map;

/** Gives or withdraws consents; purposes left out keep their state. {@code source} says where (app, web, staff, ...), may be null. */
public record ChangeConsents(String memberId, Map<ConsentPurpose, Boolean> changes, String source) {

    public ChangeConsents {
        changes = Map.copyOf(changes);
    }
}
