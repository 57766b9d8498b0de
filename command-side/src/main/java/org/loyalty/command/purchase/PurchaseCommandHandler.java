package org.loyalty.command.purchase;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.referral.CreditReferralBonus;
import org.loyalty.api.referral.ReferralRewarded;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.account.EarningRules;
import org.loyalty.command.account.MemberSegments;
import org.loyalty.command.rule.RuleBook;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.rules.earning.TierEarning;
import org.loyalty.rules.purchase.PurchaseValidator;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleEngine;

/**
 * Records POS purchases. The transaction id is claimed <em>before</em> the account is loaded: a
 * concurrent duplicate waits on the claim until the first post commits and then loads an account
 * that already holds the receipt, so it answers with that receipt instead of earning twice.
 */
public final class PurchaseCommandHandler {

    private final Accounts accounts;
    private final TransactionClaims claims;
    private final PurchaseValidator validator;
    private final TierEarning earning;
    private final RuleBook rules;
    private final RuleEngine engine;
    private final RuleBudgets budgets;
    private final MemberSegments segments;

    public PurchaseCommandHandler(Accounts accounts, TransactionClaims claims, PurchaseValidator validator, TierEarning earning,
                                  RuleBook rules, RuleEngine engine, RuleBudgets budgets, MemberSegments segments) {
        this.accounts = accounts;
        this.claims = claims;
        this.validator = validator;
        this.earning = earning;
        this.rules = rules;
        this.engine = engine;
        this.budgets = budgets;
        this.segments = segments;
    }

    /** Without marketers' rules: the tier's base earning only. */
    public PurchaseCommandHandler(Accounts accounts, TransactionClaims claims, PurchaseValidator validator, TierEarning earning) {
        this(accounts, claims, validator, earning, RuleBook.EMPTY, new RuleEngine(), RuleBudgets.UNLIMITED, MemberSegments.NONE);
    }

    @CommandHandler
    public PurchaseReceipt handle(RecordPurchase purchase) {
        InvalidRequestException.throwIfAny(validator.violations(purchase));
        String owner = claims.claim(purchase.transactionId(), purchase.memberId());
        if (!owner.equals(purchase.memberId())) {
            throw new ConflictException("transactionId",
                    "transaction " + purchase.transactionId() + " was already recorded for another member");
        }
        List<CompiledRule> liveRules = rules.liveAt(purchase.occurredAt());
        EarningRules live = new EarningRules(liveRules, engine, budgets,
                EarningRules.needSegments(liveRules) ? segments.of(purchase.memberId()) : java.util.Set.of());
        List<ReferralRewarded> owed = new ArrayList<>();
        PurchaseReceipt receipt = accounts.update(purchase.memberId(), (account, now) -> {
            PurchaseReceipt recorded = account.recordPurchase(purchase, accounts.program(), earning, live, now);
            owed.addAll(account.referralsOwedFor(purchase.transactionId()));
            return recorded;
        });
        // The referrer's bonus joins the same transaction: both accounts change, or neither does.
        for (ReferralRewarded referral : owed) {
            accounts.update(referral.referrerId(), (referrer, now) -> {
                referrer.creditReferral(new CreditReferralBonus(referral.referrerId(), referral.memberId(), referral.ruleId(),
                        referral.version(), referral.points()), accounts.program(), now);
                return null;
            });
        }
        return receipt;
    }
}
