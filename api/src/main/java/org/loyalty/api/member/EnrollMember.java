package org.loyalty.api.member;

import java.time.LocalDate;

/** Enrolls a new member. The member id is chosen by the caller of the command (the web layer). */
public record EnrollMember(
        String memberId,
        String name,
        String email,
        String phone,
        LocalDate birthday,
        boolean marketingConsent) {
}
