package org.loyalty.api.privacy;

import java.time.Instant;
import java.util.Map;

/** A member's consents now, by purpose, and when they last changed (null: as at enrollment). */
public record Consents(String memberId, Map<ConsentPurpose, Boolean> granted, Instant changedAt) {

    public Consents {
        granted = Map.copyOf(granted);
    }
}
