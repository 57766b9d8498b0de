package org.loyalty.command.privacy;

import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.privacy.ChangeConsents;
import org.loyalty.api.privacy.Consents;
import org.loyalty.api.privacy.ErasePersonalData;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.enrollment.EmailClaims;

/**
 * Consents and erasure, on the member's account. Erasure records {@code PersonalDataErased}, destroys
 * the member's data key and releases their email, all in the command's one transaction: it happens
 * completely or not at all. Repeating it records nothing more and succeeds.
 */
public final class PrivacyCommandHandler {

    private final Accounts accounts;
    private final DataKeyShredder keys;
    private final EmailClaims emails;

    public PrivacyCommandHandler(Accounts accounts, DataKeyShredder keys, EmailClaims emails) {
        this.accounts = accounts;
        this.keys = keys;
        this.emails = emails;
    }

    @CommandHandler
    public Consents handle(ChangeConsents change) {
        if (change.changes().isEmpty()) {
            throw new InvalidRequestException(List.of(new Violation("consents",
                    "name at least one of marketingEmail, marketingSms, marketingPush, analytics with true or false")));
        }
        return accounts.update(change.memberId(), (account, now) -> account.changeConsents(change, now));
    }

    /** @return whether this command erased the data (false: it was erased before) */
    @CommandHandler
    public boolean handle(ErasePersonalData erase) {
        Instant[] at = new Instant[1];
        boolean erased = accounts.update(erase.memberId(), (account, now) -> {
            at[0] = now;
            return account.erasePersonalData(now);
        });
        keys.destroy(erase.memberId(), at[0]);
        emails.release(erase.memberId());
        return erased;
    }
}
