package org.loyalty.api.privacy;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * A member gave ({@code granted}) or withdrew consent for one purpose. Only a change is recorded, so
 * the stream is the consent's history, as proof of when it was given. {@code source} may be null.
 */
public record ConsentChanged(
        String memberId,
        ConsentPurpose purpose,
        boolean granted,
        String source,
        Instant changedAt) implements MemberEvent {
}
