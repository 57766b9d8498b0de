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
        InvalidRequestException.throwIfAny(validator.violations(request));
        return accounts.update(request.memberId(), (account, now) -> account.redeem(request, accounts.program(), now));
    }

    @CommandHandler
    public RedemptionReceipt handle(CancelRedemption request) {
        InvalidRequestException.throwIfAny(validator.violations(request));
        return accounts.update(request.memberId(), (account, now) -> account.cancelRedemption(request, accounts.program(), now));
    }
}
