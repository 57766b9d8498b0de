package org.loyalty.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.adjustment.AdjustmentReceipt;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.offer.HoldoutAssigned;
import org.loyalty.api.offer.OfferActivated;
import org.loyalty.api.offer.OfferCommands.IssueOffer;
import org.loyalty.api.offer.OfferCommands.IssueOutcome;
import org.loyalty.api.offer.OfferDelivered;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferRedeemed;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.offer.OfferViewed;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.privacy.ChangeConsents;
import org.loyalty.api.privacy.ConsentChanged;
import org.loyalty.api.privacy.ConsentPurpose;
import org.loyalty.api.privacy.Consents;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.referral.CreditReferralBonus;
import org.loyalty.api.referral.ReferralBonusEarned;
import org.loyalty.api.referral.ReferralRewarded;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.api.redemption.RedemptionReceipt;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnReceipt;
import org.loyalty.api.returns.ReturnedItem;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;
import org.loyalty.rules.birthday.BirthdayWindow;
import org.loyalty.rules.earning.Earning;
import org.loyalty.rules.earning.TierEarning;
import org.loyalty.rules.points.PointBuckets;
import org.loyalty.rules.program.CatalogReward;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.program.TierDefinition;
import org.loyalty.rules.rule.FactsOf;
import org.loyalty.rules.rule.RuleContext;
import org.loyalty.rules.rule.RuleOutcome;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.tier.QualifyingPoints;
import org.loyalty.rules.tier.TierDecision;

/**
 * One member's points account, event-sourced: the consistency boundary for the balance, the point
 * buckets, the tier and every idempotency key of the account (POS transactions, returns, redemption
 * keys, adjustments), so that a retried request gets its first answer back and changes nothing.
 *
 * <p>Command methods decide and apply events; {@code @EventSourcingHandler}s only record what the
 * events say, so replaying the stream rebuilds the same state whatever the configuration is today.
 */
public class MemberAccount {

    static final String EXPIRED_BY_DATE = "EXPIRED_AFTER_MONTHS";
    static final String EXPIRED_BY_INACTIVITY = "INACTIVITY";
    /** How far back the rules see a member's purchases (streaks and the like). */
    static final Duration RECENT_PURCHASES = Duration.ofDays(90);
    /** How long a reward issued by a rule can be used. */
    static final Duration RULE_REWARD_VALIDITY = Duration.ofDays(30);

    @AggregateIdentifier
    private String memberId;
    private LocalDate birthday;
    private String tier;
    private Instant tierValidUntil;
    private Instant lastPurchaseAt;
    private Instant pointsExpireAt;
    private Integer lastBirthdayYear;
    private Instant enrolledAt;
    private String referredBy;
    private final Map<String, List<ReferralRewarded>> referralsOwedByTransaction = new HashMap<>();
    private final java.util.Set<String> referralsCredited = new java.util.HashSet<>();
    private final RuleAwards ruleAwards = new RuleAwards();
    private final MemberOffers offers = new MemberOffers();
    private final PointBuckets buckets = new PointBuckets();
    private final QualifyingPoints qualifying = new QualifyingPoints();
    private final Map<String, RecordedPurchase> purchases = new HashMap<>(); // by POS transaction id
    private final DatedLog purchaseTimes = new DatedLog(); // the same purchases by time, for the rules' recent ones
    private final Map<String, ReturnReceipt> returns = new HashMap<>();
    private final Map<String, Redemption> redemptions = new HashMap<>();
    private final Map<String, String> redemptionByKey = new HashMap<>();
    private final Map<String, AdjustmentReceipt> adjustments = new HashMap<>();
    private final Map<ConsentPurpose, Boolean> consents = new EnumMap<>(ConsentPurpose.class);
    private Instant consentsChangedAt;
    private Instant personalDataErasedAt;

    /** For Axon, which rebuilds the account from its events. */
    protected MemberAccount() {
    }

    public MemberAccount(EnrollMember enrollment, LoyaltyProgram program, Instant now) {
        apply(new MemberEnrolled(enrollment.memberId(), enrollment.name().strip(), enrollment.email(),
                enrollment.phone(), enrollment.birthday(), enrollment.marketingConsent(), now, program.entryTier().code(),
                enrollment.referredBy()));
    }

    // ---- purchases and returns ----

    /**
     * Records the purchase and its points (the tier's base earning plus what the live marketers' rules
     * give, within their caps and budgets), or returns the earlier receipt when the transaction is known.
     */
    public PurchaseReceipt recordPurchase(RecordPurchase purchase, LoyaltyProgram program, TierEarning earning,
                                          EarningRules rules, Instant now) {
        RecordedPurchase earlier = purchases.get(purchase.transactionId());
        if (earlier != null) {
            return earlier.receipt(memberId, purchase.transactionId(), true);
        }
        TierDefinition current = currentTier(program);
        Earning base = earning.earn(current, purchase.paymentMethod(), purchase.items());
        // Judged before the purchase is recorded: "first purchase" means no purchase before this one.
        List<RuleOutcome> outcomes = rules.live().isEmpty() ? List.of()
                : rules.engine().evaluate(rules.live(), ruleContext(purchase, program, current, base, rules));
        List<AppliedRule> applied = new ArrayList<>(base.applied());
        long rulePoints = 0;
        for (RuleOutcome outcome : outcomes) {
            if (!outcome.fired()) {
                continue;
            }
            long granted = withinBudget(outcome, rules);
            if (granted > 0 || outcome.rewardId() != null) {
                String why = outcome.explanation() + (granted < outcome.points() ? " (budget allowed " + granted + ")" : "");
                applied.add(new AppliedRule(outcome.ruleId(), outcome.version(), granted, outcome.name() + ": " + why));
            }
            rulePoints += granted;
        }
        BigDecimal netTotal = purchase.items().stream().map(PurchaseItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        // Activated campaign offers pay on top, recorded with the rules so that "why these points?" has one answer.
        // A campaign's budget is shared by all its offers: drawn under the same row lock as rule budgets, so concurrent
        // purchases of different members never pay out more than it.
        List<MemberOffers.Payout> payouts = new ArrayList<>();
        for (MemberOffers.Payout payout : offers.payouts(purchase.occurredAt(), base.points(), netTotal)) {
            Long budget = payout.offer().budgetPoints();
            long granted = budget == null ? payout.points() : rules.budgets().consume(payout.offer().campaignId(), payout.points(), budget);
            if (granted <= 0) {
                continue;
            }
            payouts.add(new MemberOffers.Payout(payout.offer(), granted));
            applied.add(new AppliedRule("offer:" + payout.offer().offerId(), 1, granted, payout.offer().campaignName() + ": "
                    + describe(payout.offer().terms()) + ": +" + granted + (granted < payout.points() ? " (budget allowed " + granted + ")" : "")));
            rulePoints += granted;
        }
        apply(new PurchaseRecorded(memberId, purchase.transactionId(), purchase.storeId(), purchase.occurredAt(),
                purchase.currency(), purchase.paymentMethod(), purchase.items(), netTotal, now));
        long points = base.points() + rulePoints;
        if (points > 0) {
            // Rule points are spread over the items with the rest, so a return takes back its share of them too.
            List<Long> itemPoints = rulePoints == 0 ? base.itemPoints()
                    : TierEarning.split(points, purchase.items().stream().map(PurchaseItem::lineTotal).toList());
            long debtRepaid = buckets.debtRepaidBy(points);
            apply(new PointsEarned(memberId, purchase.transactionId(), points, buckets.balance() + points,
                    applied, purchase.occurredAt(), current.code(), itemPoints, purchase.transactionId(),
                    now.plus(program.pendingPeriod()), current.expiry().bucketExpiry(purchase.occurredAt(), program.zone()),
                    debtRepaid));
        }
        payouts.forEach(payout -> apply(new OfferRedeemed(memberId, payout.offer().offerId(), payout.offer().campaignId(),
                purchase.transactionId(), payout.points(), now)));
        if (referredBy != null) {
            applied.stream().filter(r -> rewardsReferrer(r, rules)).forEach(r -> apply(new ReferralRewarded(memberId, referredBy,
                    purchase.transactionId(), r.ruleId(), r.version(), r.points(), now)));
        }
        outcomes.stream().filter(o -> o.fired() && o.rewardId() != null).forEach(o -> apply(new RewardIssued(memberId,
                "rule/" + o.ruleId() + "/" + purchase.transactionId(), o.rewardId(), "RULE " + o.ruleId() + " v" + o.version(),
                now, now.plus(RULE_REWARD_VALIDITY), now)));
        reviewInactivityExpiry(program, lastPurchaseAt, "PURCHASE", now);
        upgradeIfQualified(program, now);
        return purchases.get(purchase.transactionId()).receipt(memberId, purchase.transactionId(), false);
    }

    /**
     * Takes back exactly the points the returned items earned, item by item. Refuses units that were
     * not bought or were returned already. Points already spent leave a debt: the balance goes negative.
     */
    public ReturnReceipt recordReturn(RecordReturn request, Instant now) {
        ReturnReceipt earlier = returns.get(request.returnId());
        if (earlier != null) {
            return earlier.asReplay();
        }
        RecordedPurchase bought = purchases.get(request.originalTransactionId());
        if (bought == null) {
            throw new NotFoundException("originalTransactionId", "no purchase " + request.originalTransactionId() + " on this account");
        }
        RecordedPurchase.ReturnPlan plan = bought.plan(RecordedPurchase.ReturnLine.of(request.items()));
        long points = plan.returned().stream().mapToLong(ReturnedItem::points).sum();
        PointBuckets.TakeBack takeBack = buckets.planTakeBack(request.originalTransactionId(), points);
        apply(new PurchaseReturned(memberId, request.returnId(), request.originalTransactionId(), plan.returned(),
                plan.refund(), points, takeBack.draws(), takeBack.alreadyExpired(), takeBack.debt(),
                buckets.balance() + takeBack.balanceChange(), now));
        return returns.get(request.returnId());
    }

    // ---- redemptions ----

    public RedemptionReceipt redeem(RedeemReward request, LoyaltyProgram program, Instant now) {
        String known = redemptionByKey.get(request.idempotencyKey());
        if (known != null) {
            Redemption earlier = redemptions.get(known);
            if (!earlier.rewardId().equals(request.rewardId())) {
                throw new ConflictException("idempotencyKey", "key " + request.idempotencyKey()
                        + " was used for reward " + earlier.rewardId() + ", not " + request.rewardId());
            }
            return earlier.receipt(memberId).asReplay();
        }
        CatalogReward reward = program.reward(request.rewardId())
                .orElseThrow(() -> new RuleViolationException("rewardId", "no reward " + request.rewardId() + " in the catalog"));
        if (buckets.balance() < 0) {
            throw new RuleViolationException("rewardId",
                    "the balance is negative (" + buckets.balance() + ") after a return; redemptions resume once it is positive");
        }
        List<BucketDraw> draws = buckets.planSpend(reward.points(), now).orElseThrow(() -> new RuleViolationException("rewardId",
                "reward " + reward.id() + " costs " + reward.points() + " points; " + Math.max(0, buckets.available(now)) + " are available"));
        String redemptionId = UUID.randomUUID().toString();
        apply(new PointsRedeemed(memberId, redemptionId, request.idempotencyKey(), reward.id(), reward.points(), draws,
                buckets.balance() - reward.points(), now));
        return redemptions.get(redemptionId).receipt(memberId);
    }

    public RedemptionReceipt cancelRedemption(CancelRedemption request, LoyaltyProgram program, Instant now) {
        Redemption redemption = redemptions.get(request.redemptionId());
        if (redemption == null) {
            throw new NotFoundException("redemptionId", "no redemption " + request.redemptionId() + " on this account");
        }
        if (redemption.cancelled()) {
            return redemption.receipt(memberId).asReplay();
        }
        apply(new RedemptionCancelled(memberId, redemption.id(), redemption.points(), redemption.draws(),
                buckets.balance() + redemption.points(), request.reason(), now));
        // Points given back after an inactivity expiry are as late as the rest were: they expire too.
        reviewInactivityExpiry(program, lastPurchaseAt, "REDEMPTION_CANCELLED", now);
        return redemptions.get(request.redemptionId()).receipt(memberId);
    }

    // ---- staff adjustments ----

    /** {@code withinAllowance} runs only for a new adjustment: it consumes (or refuses) the staff member's daily allowance. */
    public AdjustmentReceipt adjust(AdjustPoints request, LoyaltyProgram program, Instant now, Runnable withinAllowance) {
        AdjustmentReceipt earlier = adjustments.get(request.adjustmentId());
        if (earlier != null) {
            return earlier.asReplay();
        }
        withinAllowance.run();
        // '/' never appears in a POS id, so this bucket cannot clash with a purchase's.
        String bucketId = "adjustment/" + request.adjustmentId();
        long balanceAfter = buckets.balance() + request.points();
        if (request.points() > 0) {
            apply(new PointsAdjusted(memberId, request.adjustmentId(), request.staffId(), request.points(), request.reason(),
                    bucketId, currentTier(program).expiry().bucketExpiry(now, program.zone()), List.of(),
                    buckets.debtRepaidBy(request.points()), 0, balanceAfter, now));
            // Gift points follow the inactivity rule too; a member who never bought starts the period now.
            reviewInactivityExpiry(program, lastPurchaseAt == null ? now : lastPurchaseAt, "ADJUSTED", now);
        } else {
            PointBuckets.TakeBack takeBack = buckets.planTakeBack(null, -request.points());
            // Nothing is preferred, so nothing is forgiven: the whole amount leaves the balance.
            apply(new PointsAdjusted(memberId, request.adjustmentId(), request.staffId(), request.points(), request.reason(),
                    null, null, takeBack.draws(), 0, takeBack.debt(), balanceAfter, now));
        }
        return adjustments.get(request.adjustmentId());
    }

    // ---- referrals ----

    /** What the referrer is owed for this purchase (again on a retried post: crediting is idempotent). */
    public List<ReferralRewarded> referralsOwedFor(String transactionId) {
        return referralsOwedByTransaction.getOrDefault(transactionId, List.of());
    }

    /** The referral bonus earned through {@code command.refereeId()}'s purchase; once per referee. */
    public void creditReferral(CreditReferralBonus command, LoyaltyProgram program, Instant now) {
        if (referralsCredited.contains(command.refereeId()) || command.points() <= 0) {
            return;
        }
        TierDefinition current = currentTier(program);
        apply(new ReferralBonusEarned(memberId, command.refereeId(), command.ruleId(), command.version(), command.points(),
                "referral/" + command.refereeId(), current.expiry().bucketExpiry(now, program.zone()),
                buckets.debtRepaidBy(command.points()), buckets.balance() + command.points(), now));
        reviewInactivityExpiry(program, lastPurchaseAt == null ? now : lastPurchaseAt, "REFERRAL", now);
    }

    // ---- campaign offers ----

    /**
     * Gives the campaign's offer for this period, or records the holdout; nothing if this period was
     * given already or the campaign's frequency cap has not passed.
     */
    public IssueOutcome issueOffer(IssueOffer command, Instant now) {
        if (offers.given(command.offerId())) {
            return new IssueOutcome(memberId, command.offerId(), "ALREADY_GIVEN");
        }
        if (offers.withinFrequencyCap(command.campaignId(), command.frequencyCapDays(), now)) {
            return new IssueOutcome(memberId, command.offerId(), "FREQUENCY_CAP");
        }
        if (command.holdout()) {
            apply(new HoldoutAssigned(memberId, command.offerId(), command.campaignId(), now));
            return new IssueOutcome(memberId, command.offerId(), "HOLDOUT");
        }
        apply(new OfferIssued(memberId, command.offerId(), command.campaignId(), command.campaignName(), command.terms(), now,
                command.expiresAt(), command.budgetPoints()));
        return new IssueOutcome(memberId, command.offerId(), "ISSUED");
    }

    /** The member takes up the offer; a free reward is given at once. Activating twice changes nothing. */
    public void activateOffer(String offerId, Instant now) {
        MemberOffers.Offer offer = offers.find(offerId).orElseThrow(() -> new NotFoundException("offerId", "no offer " + offerId));
        if (offer.activatedAt() != null) {
            return;
        }
        if (!offer.open() || !offer.expiresAt().isAfter(now)) {
            throw new RuleViolationException("offerId", "offer " + offerId + " has expired");
        }
        apply(new OfferActivated(memberId, offerId, now));
        if (offer.terms().type() == OfferTerms.Type.FREE_REWARD) {
            apply(new RewardIssued(memberId, "offer/" + offerId, offer.terms().rewardId(), "CAMPAIGN " + offer.campaignId(), now,
                    offer.expiresAt(), now));
            apply(new OfferRedeemed(memberId, offerId, offer.campaignId(), null, 0, now));
        }
    }

    /** Delivery is reported at least once (a webhook may be sent twice): only the first report per channel is recorded. */
    public void recordOfferDelivery(String offerId, String channel, Instant now) {
        offers.find(offerId).orElseThrow(() -> new NotFoundException("offerId", "no offer " + offerId));
        if (!offers.delivered(offerId, channel)) {
            apply(new OfferDelivered(memberId, offerId, channel, now));
        }
    }

    public void viewOffer(String offerId, Instant now) {
        offers.find(offerId).orElseThrow(() -> new NotFoundException("offerId", "no offer " + offerId));
        apply(new OfferViewed(memberId, offerId, now));
    }

    private static String describe(OfferTerms terms) {
        return switch (terms.type()) {
            case POINTS_MULTIPLIER -> "x" + terms.multiplier().stripTrailingZeros().toPlainString() + " points offer";
            case BONUS_ON_NEXT_PURCHASE -> "bonus on the next purchase";
            case FREE_REWARD -> "free reward " + terms.rewardId();
        };
    }

    // ---- what time makes due ----

    /** Expires points, re-qualifies the tier and issues the birthday reward, whatever of it is due at {@code now}. */
    public void processDueWork(LoyaltyProgram program, Instant now) {
        List<BucketDraw> expiring = buckets.dueForExpiry(now);
        if (!expiring.isEmpty()) {
            expire(expiring, EXPIRED_BY_DATE, now);
        }
        if (pointsExpireAt != null && !pointsExpireAt.isAfter(now)) {
            List<BucketDraw> everything = buckets.everything();
            if (!everything.isEmpty()) {
                expire(everything, EXPIRED_BY_INACTIVITY, now);
            }
            apply(new ExpiryDateChanged(memberId, null, "EXPIRED", now));
        }
        TierDecision tiers = new TierDecision(program);
        // A loop, because an account that slept through several anniversaries (the service was down) catches up.
        while (tierValidUntil != null && !tiers.checkAt(tierValidUntil).isAfter(now)) {
            requalify(program, tiers, now);
        }
        offers.dueToEnd(now).forEach(offer -> apply(new OfferExpired(memberId, offer.offerId(), now)));
        if (birthday != null) {
            BirthdayWindow.openAt(birthday, lastBirthdayYear, currentTier(program).birthdayWindowDays(), now, program.zone())
                    .ifPresent(window -> apply(new RewardIssued(memberId, "birthday-" + window.year(), program.birthdayRewardId(),
                            "BIRTHDAY", window.opens(), window.closes(), now)));
        }
    }

    /** The next moment at which {@link #processDueWork} has something to do; null when nothing ever will. */
    public Instant nextDueAt(LoyaltyProgram program, Instant now) {
        TierDecision tiers = new TierDecision(program);
        Instant birthdayDue = null;
        if (birthday != null) {
            int days = currentTier(program).birthdayWindowDays();
            birthdayDue = BirthdayWindow.openAt(birthday, lastBirthdayYear, days, now, program.zone()).isPresent()
                    ? now : BirthdayWindow.nextOpening(birthday, lastBirthdayYear, days, now, program.zone());
        }
        return Stream.of(buckets.nextExpiry().orElse(null), pointsExpireAt, tiers.checkAt(tierValidUntil), birthdayDue,
                        offers.nextEnd().orElse(null))
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }

    // ---- read access for the command handlers ----

    public String memberId() {
        return memberId;
    }

    public long balance() {
        return buckets.balance();
    }

    public long available(Instant now) {
        return buckets.available(now);
    }

    public String tier() {
        return tier;
    }

    public Instant tierValidUntil() {
        return tierValidUntil;
    }

    public Instant pointsExpireAt() {
        return pointsExpireAt;
    }

    // ---- decisions shared by several commands ----

    /** What the rules see of this purchase and of the member as it stood before it. */
    private RuleContext ruleContext(RecordPurchase purchase, LoyaltyProgram program, TierDefinition tier, Earning base,
                                    EarningRules rules) {
        Instant at = purchase.occurredAt();
        Set<String> segments = rules.segments();
        List<Instant> recent = rules.needRecentPurchases() ? purchaseTimes.between(at.minus(RECENT_PURCHASES), at) : List.of();
        long days = enrolledAt == null ? 0 : Math.max(0, Duration.between(enrolledAt, at).toDays());
        Member member = FactsOf.member(memberId, tier.code(), segments.stream().sorted().toList(), purchases.size(), recent, days,
                birthday == null ? 0 : birthday.getMonthValue(), referredBy);
        return new RuleContext(FactsOf.purchase(purchase), member, at, base.points(), base.itemPoints(), segments,
                ruleAwards.usage(at, program.zone()));
    }

    private static boolean rewardsReferrer(AppliedRule applied, EarningRules rules) {
        return applied.points() > 0 && rules.definition(applied.ruleId(), applied.version())
                .map(d -> d.action().rewardReferrer()).orElse(false);
    }

    private static long withinBudget(RuleOutcome outcome, EarningRules rules) {
        Long budget = rules.definition(outcome.ruleId(), outcome.version()).map(RuleDefinition::budgetPoints).orElse(null);
        return budget == null || outcome.points() == 0 ? outcome.points() : rules.budgets().consume(outcome.ruleId(), outcome.points(), budget);
    }

    /** Enrollments stored before tiers existed carry no tier: those members are in the entry tier. */
    private TierDefinition currentTier(LoyaltyProgram program) {
        return tier == null ? program.entryTier() : program.tier(tier);
    }

    private String tierCode(LoyaltyProgram program) {
        return currentTier(program).code();
    }

    private void expire(List<BucketDraw> draws, String reason, Instant now) {
        long points = draws.stream().mapToLong(BucketDraw::points).sum();
        apply(new PointsExpired(memberId, points, draws, buckets.balance() - points, reason, now));
    }

    private void upgradeIfQualified(LoyaltyProgram program, Instant now) {
        long points = qualifying.within(program.qualificationWindow(), now, program.zone());
        TierDecision tiers = new TierDecision(program);
        tiers.upgrade(tierCode(program), points).ifPresent(higher -> {
            apply(new TierChanged(memberId, tierCode(program), higher.code(), TierDecision.QUALIFIED, points, tiers.validUntil(higher, now), now));
            reviewInactivityExpiry(program, lastPurchaseAt, "TIER_CHANGED", now);
        });
    }

    private void requalify(LoyaltyProgram program, TierDecision tiers, Instant now) {
        long points = qualifying.within(program.qualificationWindow(), now, program.zone());
        TierDecision.Anniversary outcome = tiers.atAnniversary(tierCode(program), tierValidUntil, points);
        if (outcome.renewed()) {
            apply(new TierRenewed(memberId, tierCode(program), points, outcome.validUntil(), now));
        } else {
            apply(new TierChanged(memberId, tierCode(program), outcome.tier().code(), TierDecision.NOT_REQUALIFIED, points, outcome.validUntil(), now));
            // A member who drops into a tier whose points expire for inactivity gets the full period from now.
            Instant from = lastPurchaseAt == null || lastPurchaseAt.isBefore(now) ? now : lastPurchaseAt;
            reviewInactivityExpiry(program, from, "TIER_CHANGED", now);
        }
    }

    /** Moves the account-wide expiry date when the tier's inactivity policy gives another one. */
    private void reviewInactivityExpiry(LoyaltyProgram program, Instant activityAt, String reason, Instant now) {
        Instant deadline = activityAt == null ? null : currentTier(program).expiry().inactivityDeadline(activityAt, program.zone());
        if (!Objects.equals(deadline, pointsExpireAt)) {
            apply(new ExpiryDateChanged(memberId, deadline, reason, now));
        }
    }

    // ---- privacy ----

    /** Records a {@link ConsentChanged} for each purpose whose state the request changes; the same request again records nothing. */
    public Consents changeConsents(ChangeConsents change, Instant now) {
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            Boolean granted = change.changes().get(purpose);
            if (granted != null && granted != consents.getOrDefault(purpose, false)) {
                apply(new ConsentChanged(memberId, purpose, granted, change.source(), now));
            }
        }
        return consents();
    }

    public Consents consents() {
        EnumMap<ConsentPurpose, Boolean> all = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            all.put(purpose, consents.getOrDefault(purpose, false));
        }
        return new Consents(memberId, all, consentsChangedAt);
    }

    /**
     * Records that the member's personal data is erased (the caller destroys their key in the same
     * transaction); false when it was already. Points, tiers and history stay: only the birthday goes,
     * and with it any birthday reward to come.
     */
    public boolean erasePersonalData(Instant now) {
        if (personalDataErasedAt != null) {
            return false;
        }
        apply(new PersonalDataErased(memberId, now));
        return true;
    }

    // ---- event sourcing: record what the events say, decide nothing ----

    @EventSourcingHandler
    void on(MemberEnrolled event) {
        memberId = event.memberId();
        // Null once the member is erased: their key is gone, so the field no longer decrypts.
        birthday = event.birthday();
        tier = event.tier();
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            consents.put(purpose, purpose.marketing() && event.marketingConsent());
        }
        enrolledAt = event.enrolledAt();
        referredBy = event.referredBy();
    }

    @EventSourcingHandler
    void on(ConsentChanged event) {
        consents.put(event.purpose(), event.granted());
        consentsChangedAt = event.changedAt();
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        birthday = null;
        personalDataErasedAt = event.erasedAt();
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        if (purchases.put(event.transactionId(), RecordedPurchase.of(event.items(), event.occurredAt(), buckets.balance())) == null) {
            purchaseTimes.add(event.occurredAt(), 0);
        }
        if (lastPurchaseAt == null || event.occurredAt().isAfter(lastPurchaseAt)) {
            lastPurchaseAt = event.occurredAt();
        }
    }

    @EventSourcingHandler
    void on(PointsEarned event) {
        buckets.repayDebt(event.debtRepaid());
        buckets.open(event.bucket(), event.points() - event.debtRepaid(), event.spendableFrom(), event.expiresAt());
        qualifying.add(event.earnedAt(), event.points());
        ruleAwards.record(event.applied(), event.earnedAt());
        // Only ever applied right after its PurchaseRecorded (MemberAccount.recordPurchase).
        purchases.computeIfPresent(event.transactionId(),
                (tx, bought) -> bought.earned(event.points(), event.balanceAfter(), event.itemPoints()));
    }

    @EventSourcingHandler
    void on(ReferralRewarded event) {
        referralsOwedByTransaction.computeIfAbsent(event.transactionId(), tx -> new ArrayList<>()).add(event);
    }

    @EventSourcingHandler
    void on(ReferralBonusEarned event) {
        buckets.repayDebt(event.debtRepaid());
        buckets.open(event.bucketId(), event.points() - event.debtRepaid(), event.earnedAt(), event.expiresAt());
        referralsCredited.add(event.refereeId());
    }

    @EventSourcingHandler
    void on(PurchaseReturned event) {
        buckets.take(event.draws());
        buckets.forgiveExpired(event.originalTransactionId(), event.alreadyExpired());
        buckets.incurDebt(event.debtIncurred());
        RecordedPurchase bought = purchases.get(event.originalTransactionId());
        purchases.put(event.originalTransactionId(), bought.plan(RecordedPurchase.ReturnLine.recorded(event.items())).after());
        qualifying.add(bought.occurredAt(), -event.pointsTaken());
        returns.put(event.returnId(),
                new ReturnReceipt(memberId, event.returnId(), event.pointsTaken() - event.alreadyExpired(), event.balanceAfter(), false));
    }

    @EventSourcingHandler
    void on(PointsRedeemed event) {
        buckets.take(event.draws());
        redemptions.put(event.redemptionId(),
                new Redemption(event.redemptionId(), event.rewardId(), event.points(), event.draws(), event.balanceAfter(), false));
        redemptionByKey.put(event.idempotencyKey(), event.redemptionId());
    }

    @EventSourcingHandler
    void on(RedemptionCancelled event) {
        buckets.restore(event.restored());
        redemptions.computeIfPresent(event.redemptionId(), (id, r) -> r.asCancelled(event.balanceAfter()));
    }

    @EventSourcingHandler
    void on(PointsAdjusted event) {
        if (event.points() > 0) {
            buckets.repayDebt(event.debtRepaid());
            buckets.open(event.bucketId(), event.points() - event.debtRepaid(), event.adjustedAt(), event.expiresAt());
        } else {
            buckets.take(event.draws());
            buckets.incurDebt(event.debtIncurred());
        }
        adjustments.put(event.adjustmentId(), new AdjustmentReceipt(memberId, event.adjustmentId(), event.points(), event.balanceAfter(), false));
    }

    @EventSourcingHandler
    void on(PointsExpired event) {
        buckets.expire(event.draws());
    }

    @EventSourcingHandler
    void on(ExpiryDateChanged event) {
        pointsExpireAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TierChanged event) {
        tier = event.toTier();
        tierValidUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(TierRenewed event) {
        tierValidUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(RewardIssued event) {
        if (event.issueId().startsWith("birthday-")) {
            lastBirthdayYear = Integer.parseInt(event.issueId().substring("birthday-".length()));
        }
    }

    /**
     * A redemption as the account remembers it: to give the points back on cancellation, and to answer
     * a retry with the first answer ({@code balanceAfter} of the redemption, or of its cancellation).
     */
    record Redemption(String id, String rewardId, long points, List<BucketDraw> draws, long balanceAfter, boolean cancelled) {

        Redemption asCancelled(long balanceAfterCancellation) {
            return new Redemption(id, rewardId, points, draws, balanceAfterCancellation, true);
        }

        RedemptionReceipt receipt(String memberId) {
            return new RedemptionReceipt(memberId, id, rewardId, points, balanceAfter, cancelled, false);
        }
    }

    @EventSourcingHandler
    void on(OfferIssued event) {
        offers.issued(new MemberOffers.Offer(event.offerId(), event.campaignId(), event.campaignName(), event.terms(),
                event.issuedAt(), event.expiresAt(), event.budgetPoints(), null, false, false));
    }

    @EventSourcingHandler
    void on(HoldoutAssigned event) {
        offers.heldOut(event.offerId(), event.campaignId(), event.assignedAt());
    }

    @EventSourcingHandler
    void on(OfferDelivered event) {
        offers.recordDelivery(event.offerId(), event.channel());
    }

    @EventSourcingHandler
    void on(OfferActivated event) {
        offers.activated(event.offerId(), event.activatedAt());
    }

    @EventSourcingHandler
    void on(OfferRedeemed event) {
        offers.redeemed(event.offerId());
    }

    @EventSourcingHandler
    void on(OfferExpired event) {
        offers.ended(event.offerId());
    }
}
