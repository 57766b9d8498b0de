package org.loyalty.api.member;

import java.time.Instant;
import java.time.LocalDate;

/** A person joined the program. Personal fields are kept here; phone and birthday may be null. */
public record MemberEnrolled(
        String memberId,
        String name,
        String email,
        String phone,
        LocalDate birthday,
        boolean marketingConsent,
        Instant enrolledAt) implements MemberEvent {
}
