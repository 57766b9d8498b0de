package org.loyalty.api.member;

import java.time.Instant;
import java.time.LocalDate;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/**
 * A person joined the program, in tier {@code tier} (the entry tier at the time; null in events
 * stored before tiers existed, read as the entry tier). Phone, birthday and {@code referredBy} (the
 * referring member's id) may be null.
 */
public record MemberEnrolled(
        @DataSubject String memberId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String phone,
        @PersonalData LocalDate birthday,
        boolean marketingConsent,
        Instant enrolledAt,
        String tier,
        String referredBy) implements MemberEvent {
}
