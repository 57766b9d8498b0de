package org.loyalty.api.member;

import java.time.LocalDate;

/**
 * Enrolls a new member. The member id is chosen by the caller of the command (the web layer);
 * {@code referredBy} is the id of the member who referred this one, or null.
 */
public record EnrollMember(
        String memberId,
        String name,
        String email,
        String phone,
        LocalDate birthday,
        boolean marketingConsent,
        String referredBy) {
}
