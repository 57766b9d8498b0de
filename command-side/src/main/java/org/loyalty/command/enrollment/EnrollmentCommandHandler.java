package org.loyalty.command.enrollment;

import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.command.account.Accounts;
import org.loyalty.rules.member.EnrollmentValidator;

/** Opens a member's account after checking the enrollment and that no other member uses the email. */
public final class EnrollmentCommandHandler {

    private final Accounts accounts;
    private final EmailClaims emails;
    private final EnrollmentValidator validator;

    public EnrollmentCommandHandler(Accounts accounts, EmailClaims emails, EnrollmentValidator validator) {
        this.accounts = accounts;
        this.emails = emails;
        this.validator = validator;
    }

    @CommandHandler
    public String handle(EnrollMember enrollment) {
        InvalidRequestException.throwIfAny(validator.violations(enrollment));
        if (enrollment.referredBy() != null && !accounts.exists(enrollment.referredBy())) {
            throw new RuleViolationException("referredBy", "no member " + enrollment.referredBy() + " to have referred this one");
        }
        if (!emails.claim(enrollment.email().toLowerCase(Locale.ROOT), enrollment.memberId())) {
            throw new ConflictException("email", "a member with this email is already enrolled");
        }
        accounts.open(enrollment);
        return enrollment.memberId();
    }
}
