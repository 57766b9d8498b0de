package org.loyalty.command.adjustment;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.adjustment.AdjustmentReceipt;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.command.account.Accounts;
import org.loyalty.rules.adjustment.AdjustmentValidator;

/**
 * Staff goodwill and corrections, within a per-adjustment limit and a per-staff daily limit (both
 * count points in either direction). A retried adjustment is answered from the account and does
 * not use the allowance again.
 */
public final class AdjustmentCommandHandler {

    private final Accounts accounts;
    private final AdjustmentValidator validator;
    private final StaffAdjustmentAllowance allowance;

    public AdjustmentCommandHandler(Accounts accounts, AdjustmentValidator validator, StaffAdjustmentAllowance allowance) {
        this.accounts = accounts;
        this.validator = validator;
        this.allowance = allowance;
    }

    @CommandHandler
    public AdjustmentReceipt handle(AdjustPoints request) {
        InvalidRequestException.throwIfAny(validator.violations(request));
        if (validator.exceedsLimit(request)) {
            throw new RuleViolationException("points", "one adjustment may move at most " + validator.maxPointsPerAdjustment() + " points");
        }
        long dailyLimit = accounts.program().maxAdjustedPointsPerStaffPerDay();
        return accounts.update(request.memberId(), (account, now) -> account.adjust(request, accounts.program(), now,
                () -> {
                    LocalDate today = LocalDate.ofInstant(now, accounts.program().zone());
                    if (!allowance.consume(request.staffId(), today, Math.abs(request.points()), dailyLimit)) {
                        throw new RuleViolationException("points", "staff member " + request.staffId()
                                + " may adjust at most " + dailyLimit + " points a day");
                    }
                }));
    }
}
