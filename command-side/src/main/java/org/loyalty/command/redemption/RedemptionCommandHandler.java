package org.loyalty.command.redemption;

import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.api.redemption.RedemptionReceipt;
import org.loyalty.command.account.Accounts;
import org.loyalty.rules.redemption.RedemptionValidator;

/** Spending points on catalog rewards, and the POS undoing it. */
public final class RedemptionCommandHandler {

    private final Accounts accounts;
    private final RedemptionValidator validator;

    public RedemptionCommandHandler(Accounts accounts, RedemptionValidator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    @CommandHandler
    public RedemptionReceipt handle(RedeemReward request) {
        var violations = validator.violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return accounts.update(request.memberId(), (account, now) -> account.redeem(request, accounts.program(), now));
    }

    @CommandHandler
    public RedemptionReceipt handle(CancelRedemption request) {
        var violations = validator.violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return accounts.update(request.memberId(), (account, now) -> account.cancelRedemption(request, now));
    }
}
