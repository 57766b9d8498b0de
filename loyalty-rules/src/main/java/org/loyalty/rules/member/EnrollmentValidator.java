package org.loyalty.rules.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.loyalty.api.error.Violation;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.rules.validation.Violations;

/** What an enrollment must hold: a name, a deliverable-looking email, and, when given, a plausible phone and birthday. */
public final class EnrollmentValidator {

    /** Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail system's job. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ()\\-]{5,24}");
    private static final LocalDate OLDEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

    private final Clock clock;

    public EnrollmentValidator(Clock clock) {
        this.clock = clock;
    }

    public List<Violation> violations(EnrollMember enrollment) {
        Violations v = new Violations();
        v.requireText("memberId", enrollment.memberId(), 64);
        v.requireText("name", enrollment.name(), 200);
        if (v.requireText("email", enrollment.email(), 254) && !EMAIL.matcher(enrollment.email()).matches()) {
            v.add("email", "is not a valid email address");
        }
        if (enrollment.phone() != null && !PHONE.matcher(enrollment.phone()).matches()) {
            v.add("phone", "is not a valid phone number");
        }
        if (enrollment.referredBy() != null) {
            v.requireId("referredBy", enrollment.referredBy());
        }
        LocalDate birthday = enrollment.birthday();
        if (birthday != null) {
            if (birthday.isAfter(LocalDate.now(clock))) {
                v.add("birthday", "must not be in the future");
            } else if (birthday.isBefore(OLDEST_BIRTHDAY)) {
                v.add("birthday", "must not be before " + OLDEST_BIRTHDAY);
            }
        }
        return v.list();
    }
}
