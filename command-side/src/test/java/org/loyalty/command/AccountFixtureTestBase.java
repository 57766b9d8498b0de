package org.loyalty.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.ProcessDueWork;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.command.adjustment.AdjustmentCommandHandler;
import org.loyalty.command.adjustment.InMemoryStaffAdjustmentAllowance;
import org.loyalty.command.enrollment.EnrollmentCommandHandler;
import org.loyalty.command.enrollment.InMemoryEmailClaims;
import org.loyalty.command.purchase.InMemoryTransactionClaims;
import org.loyalty.command.purchase.PurchaseCommandHandler;
import org.loyalty.command.rule.RuleBook;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.command.redemption.RedemptionCommandHandler;
import org.loyalty.command.returns.ReturnCommandHandler;
import org.loyalty.command.schedule.DueWorkCommandHandler;
import org.loyalty.command.schedule.InMemoryDueWorkSchedule;
import org.loyalty.rules.adjustment.AdjustmentValidator;
import org.loyalty.rules.earning.TierEarning;
import org.loyalty.rules.member.EnrollmentValidator;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.purchase.PurchaseValidator;
import org.loyalty.rules.rule.RuleEngine;
import org.loyalty.rules.redemption.RedemptionValidator;
import org.loyalty.rules.returns.ReturnValidator;
import org.loyalty.rules.tier.QualifyingPoints;

/**
 * The member account on Axon's AggregateTestFixture, with every command handler registered as the
 * application registers it, in-memory fakes for the claim tables, the due-work schedule and the
 * staff allowance, and a clock that the test moves between the given and the when.
 *
 * <p>Scenarios read as a story: {@code given().at("2025-03-15T10:00:00Z").commands(enrollment(), ...)
 * .at("2025-10-01T00:00:00Z").when(dueWork())}. The arguments of a step are built after its
 * {@code at} has moved the clock, so a purchase built there happens at that instant.
 */
public abstract class AccountFixtureTestBase {

    protected static final String MEMBER = "m-1";
    protected static final Instant START = Instant.parse("2025-06-15T10:00:00Z");

    protected final MutableClock clock = new MutableClock(START);
    protected final InMemoryEmailClaims emailClaims = new InMemoryEmailClaims();
    protected final InMemoryTransactionClaims purchaseClaims = new InMemoryTransactionClaims();
    protected final InMemoryTransactionClaims returnClaims = new InMemoryTransactionClaims();
    protected final InMemoryDueWorkSchedule schedule = new InMemoryDueWorkSchedule();
    protected final InMemoryStaffAdjustmentAllowance allowance = new InMemoryStaffAdjustmentAllowance();
    /** The data keys destroyed, by member, with when (the fake of the key table's tombstones). */
    protected final java.util.Map<String, Instant> shreddedKeys = new java.util.concurrent.ConcurrentHashMap<>();
    protected LoyaltyProgram program;
    protected AggregateTestFixture<MemberAccount> fixture;

    @BeforeEach
    void createFixture() {
        useProgram(TestProgram.standard());
    }

    /** Rebuilds the fixture and its handlers on another program (call it first in a test). */
    protected void useProgram(LoyaltyProgram other) {
        program = other;
        fixture = new AggregateTestFixture<>(MemberAccount.class);
        // A memo of the last qualification window asked about, not state: an account rebuilt from its events has
        // asked nothing yet, and answers the same (QualifyingPointsTest).
        fixture.registerIgnoredField(QualifyingPoints.class, "agedUpTo");
        fixture.registerIgnoredField(QualifyingPoints.class, "aged");
        Accounts accounts = new Accounts(fixture.getRepository(), schedule, program, clock);
        fixture.registerAnnotatedCommandHandler(new EnrollmentCommandHandler(accounts, emailClaims, new EnrollmentValidator(clock)));
        fixture.registerAnnotatedCommandHandler(new PurchaseCommandHandler(accounts, purchaseClaims,
                new PurchaseValidator(Set.of("USD", "EUR", "JPY"), clock, Duration.ofMinutes(5)), new TierEarning(),
                ruleBook(), new RuleEngine(), ruleBudgets(), memberSegments()));
        fixture.registerAnnotatedCommandHandler(new ReturnCommandHandler(accounts, purchaseClaims, returnClaims, new ReturnValidator()));
        fixture.registerAnnotatedCommandHandler(new RedemptionCommandHandler(accounts, new RedemptionValidator()));
        fixture.registerAnnotatedCommandHandler(new AdjustmentCommandHandler(accounts,
                new AdjustmentValidator(program.maxPointsPerAdjustment()), allowance));
        fixture.registerAnnotatedCommandHandler(new DueWorkCommandHandler(accounts));
        fixture.registerAnnotatedCommandHandler(new org.loyalty.command.offer.OfferCommandHandler(accounts));
        fixture.registerAnnotatedCommandHandler(new org.loyalty.command.privacy.PrivacyCommandHandler(accounts, shreddedKeys::put, emailClaims));
        configure(fixture);
    }

    /** The members' segments; none unless a test class says otherwise. */
    protected org.loyalty.command.account.MemberSegments memberSegments() {
        return org.loyalty.command.account.MemberSegments.NONE;
    }

    /** The marketers' rules live for purchases; none unless a test class says otherwise. */
    protected RuleBook ruleBook() {
        return RuleBook.EMPTY;
    }

    protected RuleBudgets ruleBudgets() {
        return RuleBudgets.UNLIMITED;
    }

    /** Hook for a test class to configure each new fixture (ignored fields, for example). */
    protected void configure(AggregateTestFixture<MemberAccount> newFixture) {
    }

    /** The payloads stored on the member's stream so far (the given ones before a when, all after it). */
    protected List<Object> history() {
        return fixture.getEventStore().readEvents(MEMBER).asStream().<Object>map(Message::getPayload).toList();
    }

    /** The last stored event of this type. */
    protected <E> E last(Class<E> type) {
        List<E> found = history().stream().filter(type::isInstance).map(type::cast).toList();
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " in " + history());
        }
        return found.get(found.size() - 1);
    }

    // ---- the story ----

    protected Story given() {
        return new Story();
    }

    /** Given commands, each step at the clock's instant; then one command, checked by Axon's validator. */
    protected final class Story {

        private TestExecutor<MemberAccount> executor;

        public Story at(String isoInstant) {
            clock.set(isoInstant);
            return this;
        }

        public Story at(Instant instant) {
            clock.set(instant);
            return this;
        }

        public Story commands(Object... commands) {
            executor = executor == null ? fixture.givenCommands(commands) : executor.andGivenCommands(commands);
            return this;
        }

        public ResultValidator<MemberAccount> when(Object command) {
            return (executor == null ? fixture.givenNoPriorActivity() : executor).when(command);
        }
    }

    protected Instant now() {
        return clock.instant();
    }

    protected static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    // ---- commands ----

    protected static EnrollMember enrollment() {
        return enrollment(null);
    }

    protected static EnrollMember enrollment(LocalDate birthday) {
        return new EnrollMember(MEMBER, "Ann Lee", "ann@example.com", null, birthday, false, null);
    }

    protected static PurchaseItem item(String sku, int quantity, String unitPrice) {
        return new PurchaseItem(sku, "coffee", quantity, new BigDecimal(unitPrice));
    }

    /** A card purchase made at the clock's instant. */
    protected RecordPurchase purchase(String transactionId, PurchaseItem... items) {
        return purchase(transactionId, PaymentMethod.CARD, items);
    }

    protected RecordPurchase purchase(String transactionId, PaymentMethod paymentMethod, PurchaseItem... items) {
        return new RecordPurchase(MEMBER, transactionId, "store-7", now(), "USD", paymentMethod, Arrays.asList(items));
    }

    /** A card purchase of one item for {@code amount}: at the Green rate it earns floor(amount) points. */
    protected RecordPurchase spend(String transactionId, String amount) {
        return purchase(transactionId, item("latte", 1, amount));
    }

    protected static RedeemReward redeem(String rewardId, String idempotencyKey) {
        return new RedeemReward(MEMBER, rewardId, idempotencyKey);
    }

    protected static CancelRedemption cancel(String redemptionId) {
        return new CancelRedemption(MEMBER, redemptionId, "customer changed their mind");
    }

    protected static RecordReturn returning(String returnId, String transactionId, ReturnItem... items) {
        return new RecordReturn(returnId, transactionId, MEMBER, List.of(items));
    }

    protected static ReturnItem unit(String sku, int quantity) {
        return new ReturnItem(sku, quantity);
    }

    protected static AdjustPoints adjust(String adjustmentId, String staffId, long points) {
        return new AdjustPoints(MEMBER, adjustmentId, staffId, points, "goodwill");
    }

    protected static ProcessDueWork dueWork() {
        return new ProcessDueWork(MEMBER);
    }

    // ---- expected events ----

    /** The PurchaseRecorded that {@code purchase} gives when recorded at the clock's instant. */
    protected PurchaseRecorded recorded(RecordPurchase purchase) {
        BigDecimal netTotal = purchase.items().stream().map(PurchaseItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new PurchaseRecorded(MEMBER, purchase.transactionId(), purchase.storeId(), purchase.occurredAt(), purchase.currency(),
                purchase.paymentMethod(), purchase.items(), netTotal, now());
    }

    /** The account-wide (inactivity) expiry date moved to {@code expiresAt} (null: no longer expires) at the clock's instant. */
    protected ExpiryDateChanged expiryDateChanged(Instant expiresAt, String reason) {
        return new ExpiryDateChanged(MEMBER, expiresAt, reason, now());
    }

    protected static Instant plusMonths(Instant instant, int months) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    protected static List<BucketDraw> draws(Object... bucketAndPoints) {
        List<BucketDraw> draws = new ArrayList<>();
        for (int i = 0; i < bucketAndPoints.length; i += 2) {
            draws.add(new BucketDraw((String) bucketAndPoints[i], ((Number) bucketAndPoints[i + 1]).longValue()));
        }
        return draws;
    }

    // ---- expected rules ----

    protected static AppliedRule tierRate(String tier, String rate, long points, String netTotal) {
        return new AppliedRule("tier-rate:" + tier, 1, points,
                rate + " point(s) per currency unit (" + tier + "), rounded down, on " + netTotal);
    }

    protected static AppliedRule paymentRate(String tier, PaymentMethod method, String rate, long points, String netTotal) {
        return new AppliedRule("payment-rate:" + tier + ":" + method, 1, points,
                rate + " point(s) per currency unit paid by " + method + " (" + tier + "), rounded down, on " + netTotal);
    }
}
