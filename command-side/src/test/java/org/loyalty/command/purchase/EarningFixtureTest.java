package org.loyalty.command.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;
import org.loyalty.rules.program.ExpiryPolicy;

/** What a purchase earns in each tier, and the bucket its points form. */
class EarningFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";
    private static final String LATER = "2025-03-15T10:00:00Z";

    private RecordPurchase basketOf1260(String transactionId, PaymentMethod paymentMethod) {
        return purchase(transactionId, paymentMethod, item("coffee", 2, "4.30"), item("bagel", 1, "4.00"));
    }

    @Test
    void aGreenMemberEarnsOnePointPerCurrencyUnitRoundedDownOnceOnTheTotalAndTheEventNamesTheRule() {
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);
        RecordPurchase purchase = basketOf1260("t-1", PaymentMethod.CARD);

        story.when(purchase)
                .expectEvents(
                        recorded(purchase),
                        new PointsEarned(MEMBER, "t-1", 12, 12, List.of(tierRate("GREEN", "1", 12, "12.60")), now(), "GREEN",
                                List.of(8L, 4L), "t-1", now(), null, 0),
                        expiryDateChanged(plusMonths(now(), 6), "PURCHASE"))
                .expectResultMessagePayload(new PurchaseReceipt(MEMBER, "t-1", 12, 12, false));
    }

    @Test
    void payingWithTheStoredValueCardEarnsTheCardRateInGreenAndRecordsThePaymentRule() {
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);
        RecordPurchase purchase = basketOf1260("t-1", PaymentMethod.STORED_VALUE_CARD);

        story.when(purchase)
                .expectEvents(
                        recorded(purchase),
                        new PointsEarned(MEMBER, "t-1", 25, 25,
                                List.of(paymentRate("GREEN", PaymentMethod.STORED_VALUE_CARD, "2", 25, "12.60")), now(), "GREEN",
                                List.of(17L, 8L), "t-1", now(), null, 0),
                        expiryDateChanged(plusMonths(now(), 6), "PURCHASE"))
                .expectResultMessagePayload(new PurchaseReceipt(MEMBER, "t-1", 25, 25, false));
    }

    @Test
    void aGoldMemberEarnsOnePointTwoPerCurrencyUnitRoundedDown() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-0", "500.00")).at(LATER);
        RecordPurchase purchase = basketOf1260("t-1", PaymentMethod.CARD);

        // 12.60 x 1.2 = 15.12; Gold points never expire, so nothing moves an expiry date.
        story.when(purchase)
                .expectEvents(
                        recorded(purchase),
                        new PointsEarned(MEMBER, "t-1", 15, 515, List.of(tierRate("GOLD", "1.2", 15, "12.60")), now(), "GOLD",
                                List.of(10L, 5L), "t-1", now(), null, 0))
                .expectResultMessagePayload(new PurchaseReceipt(MEMBER, "t-1", 15, 515, false));
    }

    @Test
    void theStoredValueCardRateIsGreensOnlyAGoldMemberEarnsTheGoldRateWithIt() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-0", "500.00")).at(LATER);

        story.when(basketOf1260("t-1", PaymentMethod.STORED_VALUE_CARD))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new PurchaseReceipt(MEMBER, "t-1", 15, 515, false));
        assertThat(last(PointsEarned.class).applied()).containsExactly(tierRate("GOLD", "1.2", 15, "12.60"));
    }

    @Test
    void aReserveMemberEarnsOnePointSevenPerCurrencyUnitRoundedDown() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-0", "2500.00")).at(LATER);
        RecordPurchase purchase = basketOf1260("t-1", PaymentMethod.CARD);

        // 12.60 x 1.7 = 21.42
        story.when(purchase)
                .expectEvents(
                        recorded(purchase),
                        new PointsEarned(MEMBER, "t-1", 21, 2521, List.of(tierRate("RESERVE", "1.7", 21, "12.60")), now(), "RESERVE",
                                List.of(14L, 7L), "t-1", now(), null, 0));
    }

    @Test
    void theItemSplitOfAnEarningAddsUpToItsPoints() {
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);

        story.when(purchase("t-1", item("a", 1, "3.33"), item("b", 1, "3.33"), item("c", 1, "3.34")))
                .expectSuccessfulHandlerExecution();

        PointsEarned earned = last(PointsEarned.class);
        assertThat(earned.points()).isEqualTo(10);
        assertThat(earned.itemPoints()).containsExactly(3L, 3L, 4L);
    }

    @Test
    void withAPendingPeriodEarnedPointsBecomeSpendableOnlyWhenItEnds() {
        useProgram(TestProgram.builder().pendingPeriod(Duration.ofDays(14)).build());
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);

        story.when(spend("t-1", "30.00")).expectSuccessfulHandlerExecution();

        PointsEarned earned = last(PointsEarned.class);
        assertThat(earned.availableAt()).isEqualTo(Instant.parse(LATER).plus(Duration.ofDays(14)));
        assertThat(earned.balanceAfter()).isEqualTo(30);
    }

    @Test
    void underMonthsAfterTheEarnedMonthTheBucketCarriesItsExpiryAndNoAccountWideDateIsSet() {
        useProgram(TestProgram.builder().greenExpiry(new ExpiryPolicy.MonthsAfterEarnedMonth(6)).build());
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);
        RecordPurchase purchase = spend("t-1", "30.00");

        story.when(purchase)
                .expectEvents(
                        recorded(purchase),
                        new PointsEarned(MEMBER, "t-1", 30, 30, List.of(tierRate("GREEN", "1", 30, "30.00")), now(), "GREEN",
                                List.of(30L), "t-1", now(), Instant.parse("2025-10-01T00:00:00Z"), 0));
    }

    @Test
    void aPurchaseRecordedLateByThePosEarnsAtItsOwnDate() {
        var story = given().at(ENROLLED).commands(enrollment()).at(LATER);
        Instant atTheTill = Instant.parse(LATER).minus(Duration.ofDays(2));
        RecordPurchase late = new RecordPurchase(MEMBER, "t-1", "store-7", atTheTill, "USD", PaymentMethod.CARD,
                List.of(item("latte", 1, "30.00")));

        story.when(late)
                .expectEvents(
                        recorded(late),
                        new PointsEarned(MEMBER, "t-1", 30, 30, List.of(tierRate("GREEN", "1", 30, "30.00")), atTheTill, "GREEN",
                                List.of(30L), "t-1", now(), null, 0),
                        expiryDateChanged(plusMonths(atTheTill, 6), "PURCHASE"));
    }
}
