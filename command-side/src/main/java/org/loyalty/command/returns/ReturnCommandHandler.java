package org.loyalty.command.returns;

import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnReceipt;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.purchase.TransactionClaims;
import org.loyalty.rules.returns.ReturnValidator;

/**
 * POS returns. A return names only the original transaction; the purchase claims say whose it was.
 * The return id is claimed like a transaction id, so a retried return is answered, not repeated.
 */
public final class ReturnCommandHandler {

    private final Accounts accounts;
    private final TransactionClaims purchases;
    private final TransactionClaims returns;
    private final ReturnValidator validator;

    public ReturnCommandHandler(Accounts accounts, TransactionClaims purchases, TransactionClaims returns, ReturnValidator validator) {
        this.accounts = accounts;
        this.purchases = purchases;
        this.returns = returns;
        this.validator = validator;
    }

    @CommandHandler
    public ReturnReceipt handle(RecordReturn request) {
        InvalidRequestException.throwIfAny(validator.violations(request));
        String owner = purchases.ownerOf(request.originalTransactionId()).orElseThrow(() -> new NotFoundException(
                "originalTransactionId", "no purchase with transaction id " + request.originalTransactionId()));
        if (request.memberId() != null && !request.memberId().equals(owner)) {
            throw new RuleViolationException("memberId", "transaction " + request.originalTransactionId() + " is another member's purchase");
        }
        if (!returns.claim(request.returnId(), owner).equals(owner)) {
            throw new ConflictException("returnId", "return " + request.returnId() + " was already recorded for another member");
        }
        return accounts.update(owner, (account, now) -> account.recordReturn(request, now));
    }
}
