package org.loyalty.api.member;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person joined the program, in tier {@code tier} (the entry tier at the time; null in events
 * stored before tiers existed, read as the entry tier). Phone, birthday and {@code referredBy} (the
 * referring member's id) may be null.
 */
public record MemberEnrolled(
        String memberId,
        String name,
        String email,
        String phone,
        LocalDate birthday,
        boolean marketingConsent,
        Instant enrolledAt,
        String tier,
        String referredBy) implements MemberEvent {
}
