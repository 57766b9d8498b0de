package org.loyalty.command.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.command.account.AccountTestHarness;
import org.loyalty.command.account.AccountTestHarness.Outcome;
import org.loyalty.command.enrollment.EnrollmentCommandHandler;
import org.loyalty.command.enrollment.InMemoryEmailClaims;
import org.loyalty.rules.earning.BaseRateEarning;
import org.loyalty.rules.member.EnrollmentValidator;
import org.loyalty.rules.purchase.PurchaseValidator;

class PurchaseCommandHandlerTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final Instant AT_THE_TILL = NOW.minusSeconds(90);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTransactionClaims transactionClaims = new InMemoryTransactionClaims();
    private final PurchaseValidator validator =
            new PurchaseValidator(Set.of("USD", "EUR", "JPY"), clock, Duration.ofMinutes(5));
    private AccountTestHarness fixture;

    @BeforeEach
    void setUp() {
        fixture = new AccountTestHarness();
        fixture.registerAnnotatedCommandHandler(new EnrollmentCommandHandler(
                fixture.getRepository(), new InMemoryEmailClaims(), new EnrollmentValidator(clock), clock));
        fixture.registerAnnotatedCommandHandler(new PurchaseCommandHandler(
                fixture.getRepository(), transactionClaims, validator, new BaseRateEarning(BigDecimal.ONE), clock));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    // ---- test data ----

    private static MemberEnrolled enrolled(String memberId) {
        return new MemberEnrolled(memberId, "Ann Lee", memberId + "@example.com", null, null, false,
                NOW.minus(Duration.ofDays(30)));
    }

    private static PurchaseItem item(String sku, int quantity, String unitPrice) {
        return new PurchaseItem(sku, "grocery", quantity, new BigDecimal(unitPrice));
    }

    private static RecordPurchase purchase(String memberId, String transactionId, PurchaseItem... items) {
        return new RecordPurchase(memberId, transactionId, "store-7", AT_THE_TILL, "USD", PaymentMethod.CARD, List.of(items));
    }

    private static PurchaseRecorded recorded(RecordPurchase purchase, String netTotal) {
        return new PurchaseRecorded(purchase.memberId(), purchase.transactionId(), purchase.storeId(), purchase.occurredAt(),
                purchase.currency(), purchase.paymentMethod(), purchase.items(), new BigDecimal(netTotal), NOW);
    }

    private static PointsEarned earned(RecordPurchase purchase, String netTotal, long points, long balanceAfter) {
        return new PointsEarned(purchase.memberId(), purchase.transactionId(), points, balanceAfter,
                List.of(new AppliedRule(BaseRateEarning.RULE_ID, 1, points, "1 point(s) per whole unit of " + netTotal)), NOW);
    }

    /** 2 x 4.30 + 1 x 4.00 = 12.60, which earns 12 points at the base rate. */
    private static RecordPurchase basketOf1260(String memberId, String transactionId) {
        return purchase(memberId, transactionId, item("coffee", 2, "4.30"), item("bagel", 1, "4.00"));
    }

    // ---- earning ----

    @Test
    void aPurchaseIsRecordedWithItsNetTotalAndEarnsOnePointPerWholeUnit() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase purchase = basketOf1260("m-1", "t-1");

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 12, false));
        assertThat(outcome.events()).containsExactly(
                recorded(purchase, "12.60"),
                earned(purchase, "12.60", 12, 12));
        assertThat(transactionClaims.ownerOf("t-1")).contains("m-1");
    }

    @Test
    void theEarnedPointsExplainThemselvesWithTheBaseRateRule() {
        fixture.given("m-1", enrolled("m-1"));

        Outcome outcome = fixture.when(basketOf1260("m-1", "t-1"));

        assertThat(outcome.events()).filteredOn(PointsEarned.class::isInstance).singleElement()
                .isInstanceOfSatisfying(PointsEarned.class, earned -> {
                    assertThat(earned.points()).isEqualTo(12);
                    assertThat(earned.balanceAfter()).isEqualTo(12);
                    assertThat(earned.earnedAt()).isEqualTo(NOW);
                    assertThat(earned.applied()).singleElement().satisfies(rule -> {
                        assertThat(rule.ruleId()).isEqualTo("base-rate");
                        assertThat(rule.points()).isEqualTo(12);
                        assertThat(rule.explanation()).contains("12.60");
                    });
                });
    }

    @Test
    void theRecordedPurchaseKeepsTheBasketAsSentAndIsStampedWithTheClock() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase purchase = new RecordPurchase("m-1", "POS-7:2025.06.15_0042", "store-7", AT_THE_TILL, "EUR",
                PaymentMethod.STORED_VALUE_CARD, List.of(item("tea", 3, "2.5"), item("cake", 1, "3.10")));

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.events()).first().isInstanceOfSatisfying(PurchaseRecorded.class, recorded -> {
            assertThat(recorded.transactionId()).isEqualTo("POS-7:2025.06.15_0042");
            assertThat(recorded.storeId()).isEqualTo("store-7");
            assertThat(recorded.occurredAt()).isEqualTo(AT_THE_TILL);
            assertThat(recorded.recordedAt()).isEqualTo(NOW);
            assertThat(recorded.currency()).isEqualTo("EUR");
            assertThat(recorded.paymentMethod()).isEqualTo(PaymentMethod.STORED_VALUE_CARD);
            assertThat(recorded.items()).isEqualTo(purchase.items());
            assertThat(recorded.netTotal()).isEqualByComparingTo("10.60");
        });
        assertThat(outcome.resultAs(PurchaseReceipt.class).pointsEarned()).isEqualTo(10);
    }

    @Test
    void aPurchaseInAZeroDecimalCurrencyEarnsOnePointPerWholeUnit() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase purchase = new RecordPurchase("m-1", "t-1", "store-7", AT_THE_TILL, "JPY", PaymentMethod.CASH,
                List.of(item("bento", 2, "750")));

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 1500, 1500, false));
    }

    @Test
    void theEarnedPointsAddToTheBalanceTheMemberAlreadyHas() {
        RecordPurchase earlier = purchase("m-1", "t-0", item("tv", 1, "100.00"));
        fixture.given("m-1", enrolled("m-1"), recorded(earlier, "100.00"), earned(earlier, "100.00", 100, 100));
        RecordPurchase purchase = basketOf1260("m-1", "t-1");

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.events()).containsExactly(recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 112));
        assertThat(outcome.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 112, false));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(112);
    }

    @Test
    void aPurchaseWorthLessThanOneUnitIsRecordedButEarnsNothing() {
        RecordPurchase earlier = purchase("m-1", "t-0", item("tv", 1, "100.00"));
        fixture.given("m-1", enrolled("m-1"), recorded(earlier, "100.00"), earned(earlier, "100.00", 100, 100));
        RecordPurchase purchase = purchase("m-1", "t-1", item("gum", 1, "0.99"));

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.events()).containsExactly(recorded(purchase, "0.99"));
        assertThat(outcome.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 0, 100, false));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(100);
    }

    @Test
    void balancesAccumulateOverSeveralPurchases() {
        assertThat(fixture.when(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, null, true))
                .resultAs(String.class)).isEqualTo("m-1");

        Outcome first = fixture.when(basketOf1260("m-1", "t-1"));
        Outcome tooSmall = fixture.when(purchase("m-1", "t-2", item("gum", 2, "0.25")));
        Outcome second = fixture.when(purchase("m-1", "t-3", item("shoes", 1, "30.00")));
        Outcome third = fixture.when(purchase("m-1", "t-4", item("book", 1, "7.99")));

        assertThat(first.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 12, false));
        assertThat(tooSmall.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-2", 0, 12, false));
        assertThat(second.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-3", 30, 42, false));
        assertThat(third.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-4", 7, 49, false));
        assertThat(fixture.storedPayloads("m-1"))
                .filteredOn(PointsEarned.class::isInstance).map(PointsEarned.class::cast)
                .extracting(PointsEarned::transactionId, PointsEarned::points, PointsEarned::balanceAfter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("t-1", 12L, 12L),
                        org.assertj.core.groups.Tuple.tuple("t-3", 30L, 42L),
                        org.assertj.core.groups.Tuple.tuple("t-4", 7L, 49L));
        assertThat(fixture.storedEvents("m-1")).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(fixture.balanceOf("m-1")).isEqualTo(49);
    }

    @Test
    void eachMemberEarnsOnTheirOwnAccount() {
        fixture.given("m-1", enrolled("m-1")).given("m-2", enrolled("m-2"));

        fixture.when(basketOf1260("m-1", "t-1"));
        Outcome other = fixture.when(purchase("m-2", "t-2", item("shoes", 1, "30.00")));

        assertThat(other.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-2", "t-2", 30, 30, false));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(12);
        assertThat(fixture.balanceOf("m-2")).isEqualTo(30);
    }

    // ---- idempotency ----

    @Test
    void aRetriedTransactionEarnsNothingMore() {
        RecordPurchase purchase = basketOf1260("m-1", "t-1");
        fixture.given("m-1", enrolled("m-1"), recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 12));
        transactionClaims.claim("t-1", "m-1");

        Outcome retry = fixture.when(purchase);

        assertThat(retry.events()).isEmpty();
        assertThat(retry.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 12, true));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(12);
    }

    @Test
    void aRetryIsAnsweredWithTheFirstReceiptEvenAfterLaterPurchases() {
        RecordPurchase first = basketOf1260("m-1", "t-1");
        RecordPurchase later = purchase("m-1", "t-2", item("shoes", 1, "30.00"));
        fixture.given("m-1", enrolled("m-1"),
                recorded(first, "12.60"), earned(first, "12.60", 12, 12),
                recorded(later, "30.00"), earned(later, "30.00", 30, 42));

        Outcome retry = fixture.when(first);

        assertThat(retry.events()).isEmpty();
        assertThat(retry.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 12, true));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(42);
    }

    @Test
    void aRetriedPurchaseThatEarnedNothingIsAnsweredWithItsZeroPointReceipt() {
        RecordPurchase earlier = purchase("m-1", "t-0", item("tv", 1, "100.00"));
        RecordPurchase small = purchase("m-1", "t-1", item("gum", 1, "0.99"));
        fixture.given("m-1", enrolled("m-1"),
                recorded(earlier, "100.00"), earned(earlier, "100.00", 100, 100),
                recorded(small, "0.99"));

        Outcome retry = fixture.when(small);

        assertThat(retry.events()).isEmpty();
        assertThat(retry.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 0, 100, true));
    }

    @Test
    void aRetryWithAnotherBasketStillEarnsNothingAndGetsTheFirstReceipt() {
        RecordPurchase purchase = basketOf1260("m-1", "t-1");
        fixture.given("m-1", enrolled("m-1"), recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 12));

        Outcome retry = fixture.when(purchase("m-1", "t-1", item("shoes", 1, "300.00")));

        assertThat(retry.events()).isEmpty();
        assertThat(retry.resultAs(PurchaseReceipt.class)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 12, 12, true));
    }

    @Test
    void sendingTheSamePurchaseTwiceStoresItOnce() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase purchase = basketOf1260("m-1", "t-1");

        PurchaseReceipt first = fixture.when(purchase).resultAs(PurchaseReceipt.class);
        Outcome second = fixture.when(purchase);

        assertThat(second.events()).isEmpty();
        assertThat(second.resultAs(PurchaseReceipt.class)).isEqualTo(first.asReplay());
        assertThat(first.replayed()).isFalse();
        assertThat(fixture.storedPayloads("m-1"))
                .containsExactly(enrolled("m-1"), recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 12));
        assertThat(fixture.balanceOf("m-1")).isEqualTo(12);
    }

    // ---- refusals ----

    @Test
    void aTransactionIdAlreadyClaimedByAnotherMemberIsAConflict() {
        fixture.given("m-1", enrolled("m-1"));
        transactionClaims.claim("t-1", "m-2");

        Outcome outcome = fixture.when(basketOf1260("m-1", "t-1"));

        ConflictException conflict = outcome.exceptionAs(ConflictException.class);
        assertThat(conflict.field()).isEqualTo("transactionId");
        assertThat(conflict.getMessage()).contains("t-1");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-1")).hasSize(1);
        assertThat(transactionClaims.ownerOf("t-1")).contains("m-2");
    }

    @Test
    void aTransactionRecordedForOneMemberIsAConflictForAnother() {
        fixture.given("m-1", enrolled("m-1")).given("m-2", enrolled("m-2"));
        assertThat(fixture.when(basketOf1260("m-1", "t-1")).resultAs(PurchaseReceipt.class).pointsEarned()).isEqualTo(12);

        Outcome outcome = fixture.when(basketOf1260("m-2", "t-1"));

        assertThat(outcome.exceptionAs(ConflictException.class).field()).isEqualTo("transactionId");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-2")).hasSize(1);
        assertThat(fixture.balanceOf("m-1")).isEqualTo(12);
    }

    @Test
    void aPurchaseForAnUnknownMemberIsRefused() {
        // given no prior activity: no stream at all for m-404

        Outcome outcome = fixture.when(basketOf1260("m-404", "t-1"));

        assertThat(outcome.exceptionAs(UnknownMemberException.class).memberId()).isEqualTo("m-404");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-404")).isEmpty();
    }

    @Test
    void anInvalidPurchaseIsRefusedNamingEveryBadFieldAndRecordsNothing() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase invalid = new RecordPurchase("m-1", "t-1", "store-7", NOW.plus(Duration.ofHours(1)), "USD",
                PaymentMethod.CARD, List.of(item("coffee", 1, "4.30"), item("bagel", 0, "4.00"), item("jam", 1, "1.234")));

        Outcome outcome = fixture.when(invalid);

        InvalidRequestException refused = outcome.exceptionAs(InvalidRequestException.class);
        assertThat(refused.violations()).extracting(Violation::field)
                .containsExactly("occurredAt", "items[1].quantity", "items[2].unitPrice");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-1")).hasSize(1);
        assertThat(transactionClaims.claims()).as("nothing is claimed before the purchase is valid").isEmpty();
    }

    @Test
    void aPurchaseInAnUnsupportedCurrencyIsRefused() {
        fixture.given("m-1", enrolled("m-1"));
        RecordPurchase purchase = new RecordPurchase("m-1", "t-1", "store-7", AT_THE_TILL, "GBP", PaymentMethod.CARD,
                List.of(item("coffee", 1, "4.30")));

        Outcome outcome = fixture.when(purchase);

        assertThat(outcome.exceptionAs(InvalidRequestException.class).violations())
                .extracting(Violation::field).containsExactly("currency");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.balanceOf("m-1")).isZero();
    }
}
