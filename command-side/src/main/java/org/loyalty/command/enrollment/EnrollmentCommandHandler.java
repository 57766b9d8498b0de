package org.loyalty.command.enrollment;

import java.time.Clock;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.rules.member.EnrollmentValidator;

/** Opens a member's account after checking the enrollment and that no other member uses the email. */
public final class EnrollmentCommandHandler {

    private final Repository<MemberAccount> accounts;
    private final EmailClaims emails;
    private final EnrollmentValidator validator;
    private final Clock clock;

    public EnrollmentCommandHandler(Repository<MemberAccount> accounts, EmailClaims emails,
                                    EnrollmentValidator validator, Clock clock) {
        this.accounts = accounts;
        this.emails = emails;
        this.validator = validator;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(EnrollMember enrollment) {
        var violations = validator.violations(enrollment);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (!emails.claim(enrollment.email().toLowerCase(Locale.ROOT), enrollment.memberId())) {
            throw new ConflictException("email", "a member with this email is already enrolled");
        }
        createAccount(enrollment);
        return enrollment.memberId();
    }

    private void createAccount(EnrollMember enrollment) {
        try {
            accounts.newInstance(() -> new MemberAccount(enrollment, clock.instant()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Unchecked on purpose: the unit of work rolls back on unchecked exceptions only.
            throw new IllegalStateException("could not open the account of member " + enrollment.memberId(), e);
        }
    }
}
