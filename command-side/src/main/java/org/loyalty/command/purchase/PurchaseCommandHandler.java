package org.loyalty.command.purchase;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.rules.earning.BaseRateEarning;
import org.loyalty.rules.purchase.PurchaseValidator;

/**
 * Records POS purchases. The transaction id is claimed <em>before</em> the account is loaded: a
 * concurrent duplicate waits on the claim until the first post commits and then loads an account
 * that already holds the receipt, so it answers with that receipt instead of earning twice.
 */
public final class PurchaseCommandHandler {

    private final Repository<MemberAccount> accounts;
    private final TransactionClaims claims;
    private final PurchaseValidator validator;
    private final BaseRateEarning earningPolicy;
    private final Clock clock;

    public PurchaseCommandHandler(Repository<MemberAccount> accounts, TransactionClaims claims,
                                  PurchaseValidator validator, BaseRateEarning earningPolicy, Clock clock) {
        this.accounts = accounts;
        this.claims = claims;
        this.validator = validator;
        this.earningPolicy = earningPolicy;
        this.clock = clock;
    }

    @CommandHandler
    public PurchaseReceipt handle(RecordPurchase purchase) {
        var violations = validator.violations(purchase);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String owner = claims.claim(purchase.transactionId(), purchase.memberId());
        if (!owner.equals(purchase.memberId())) {
            throw new ConflictException("transactionId",
                    "transaction " + purchase.transactionId() + " was already recorded for another member");
        }
        Aggregate<MemberAccount> account = load(purchase.memberId());
        return account.invoke(a -> a.recordPurchase(purchase, earningPolicy, clock.instant()));
    }

    private Aggregate<MemberAccount> load(String memberId) {
        try {
            return accounts.load(memberId);
        } catch (AggregateNotFoundException e) {
            throw new UnknownMemberException(memberId);
        }
    }
}
