package org.loyalty.command.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.member.ProcessDueWork;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnReceipt;
import org.loyalty.api.returns.ReturnedItem;
import org.loyalty.command.AccountFixtureTestBase;

/**
 * POS returns take back exactly what the returned units earned (the largest-remainder split recorded
 * in PointsEarned.itemPoints), first from the purchase's own bucket, and leave a debt when the points
 * were spent already; the next earning repays it first.
 */
class ReturnFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";
    private static final String BOUGHT = "2025-03-15T10:00:00Z";
    private static final String RETURNED = "2025-03-20T10:00:00Z";

    /** 3 coffees at 3.50 and a muffin at 2.50: 13 points, split 11 / 2 (a tie of remainders goes to the coffee). */
    private RecordPurchase coffeesAndMuffin(String transactionId) {
        return purchase(transactionId, item("coffee", 3, "3.50"), item("muffin", 1, "2.50"));
    }

    private Story memberWhoBoughtCoffeesAndMuffin() {
        return given().at(ENROLLED).commands(enrollment()).at(BOUGHT).commands(coffeesAndMuffin("t-1"));
    }

    private PurchaseReturned returned(String returnId, String transactionId, List<ReturnedItem> items, String refund, long points,
                                      List<BucketDraw> draws, long debt, long balanceAfter) {
        return new PurchaseReturned(MEMBER, returnId, transactionId, items, new BigDecimal(refund), points, draws, 0, debt, balanceAfter, now());
    }

    @Test
    void thePurchaseRecordsHowItsPointsSplitOverItsItems() {
        memberWhoBoughtCoffeesAndMuffin();

        assertThat(last(PointsEarned.class).itemPoints()).containsExactly(11L, 2L);
    }

    @Test
    void returningOneUnitTakesBackItsShareOfTheItemsPoints() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-1", unit("coffee", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("coffee", 1, 3)), "3.50", 3, draws("t-1", 3), 0, 10))
                .expectResultMessagePayload(new ReturnReceipt(MEMBER, "r-1", 3, 10, false));
    }

    @Test
    void unitsReturnedOneByOneAddUpToExactlyWhatTheItemEarned() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED)
                .commands(returning("r-1", "t-1", unit("coffee", 1)), returning("r-2", "t-1", unit("coffee", 1)));

        // 11 points over 3 units: 3, then 4, and the last unit takes what is left, 4.
        story.when(returning("r-3", "t-1", unit("coffee", 1)))
                .expectEvents(returned("r-3", "t-1", List.of(new ReturnedItem("coffee", 1, 4)), "3.50", 4, draws("t-1", 4), 0, 2));
        assertThat(history().stream().filter(PurchaseReturned.class::isInstance).map(PurchaseReturned.class::cast)
                .mapToLong(PurchaseReturned::pointsTaken)).containsExactly(3L, 4L, 4L);
    }

    @Test
    void returningEverythingTakesBackExactlyThePointsThePurchaseEarned() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-1", unit("coffee", 3), unit("muffin", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("coffee", 3, 11), new ReturnedItem("muffin", 1, 2)),
                        "13.00", 13, draws("t-1", 13), 0, 0))
                .expectState(account -> assertThat(account.balance()).isZero());
    }

    @Test
    void theSameSkuOnTwoLinesOfThePurchaseIsReturnedLineByLine() {
        // coffee 1 x 3.50, muffin 1 x 2.50, coffee 2 x 3.50 = 13.00: 13 points split 4 / 2 / 7.
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(purchase("t-1", item("coffee", 1, "3.50"), item("muffin", 1, "2.50"), item("coffee", 2, "3.50")))
                .at(RETURNED);
        assertThat(last(PointsEarned.class).itemPoints()).containsExactly(4L, 2L, 7L);

        // Two coffees: the unit of the first line (4) and one of the second line's two units (3).
        story.when(returning("r-1", "t-1", unit("coffee", 2)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("coffee", 2, 7)), "7.00", 7, draws("t-1", 7), 0, 6));
    }

    @Test
    void theSameSkuOnTwoLinesOfTheReturnTakesBackEveryCoffeeOnce() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(purchase("t-1", item("coffee", 1, "3.50"), item("muffin", 1, "2.50"), item("coffee", 2, "3.50")))
                .at(RETURNED);

        story.when(returning("r-1", "t-1", unit("coffee", 1), unit("coffee", 2)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("coffee", 1, 4), new ReturnedItem("coffee", 2, 7)),
                        "10.50", 11, draws("t-1", 11), 0, 2));
    }

    @Test
    void moreUnitsThanWereBoughtAreRefusedNamingTheReturnLine() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-1", unit("muffin", 1), unit("coffee", 4)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("items[1].quantity")))
                .expectExceptionMessage("only 3 unit(s) of coffee can still be returned (3 bought, 0 returned before)");
    }

    @Test
    void unitsReturnedBeforeCannotBeReturnedAgain() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED).commands(returning("r-1", "t-1", unit("coffee", 2)));

        story.when(returning("r-2", "t-1", unit("coffee", 2)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("items[0].quantity")))
                .expectExceptionMessage("only 1 unit(s) of coffee can still be returned (3 bought, 2 returned before)");
    }

    @Test
    void aSkuThatWasNotBoughtIsRefused() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-1", unit("tea", 1)))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("SKU tea was not part of this purchase");
    }

    @Test
    void aReturnOfAnUnknownTransactionIsNotFound() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-404", unit("coffee", 1)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof NotFoundException n && n.field().equals("originalTransactionId")))
                .expectExceptionMessage("no purchase with transaction id t-404");
        assertThat(returnClaims.claims()).isEmpty();
    }

    @Test
    void aReturnAgainstAnotherMembersPurchaseIsRefused() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);
        purchaseClaims.claim("t-9", "m-2");

        story.when(returning("r-1", "t-9", unit("coffee", 1)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("memberId")))
                .expectExceptionMessage("transaction t-9 is another member's purchase");
    }

    @Test
    void aReturnWithoutMemberIdGoesToThePurchasersAccount() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(new RecordReturn("r-1", "t-1", null, List.of(unit("muffin", 1))))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("muffin", 1, 2)), "2.50", 2, draws("t-1", 2), 0, 11));
    }

    @Test
    void aMalformedReturnIsAnInvalidRequest() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED);

        story.when(returning("r-1", "t-1", unit("coffee", 0)))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: items[0].quantity must be between 1 and 10000;");
    }

    @Test
    void aRetriedReturnAnswersWithTheFirstReceiptAndTakesNothingMore() {
        var story = memberWhoBoughtCoffeesAndMuffin().at(RETURNED).commands(returning("r-1", "t-1", unit("coffee", 1)));

        story.when(returning("r-1", "t-1", unit("coffee", 1)))
                .expectNoEvents()
                .expectResultMessagePayload(new ReturnReceipt(MEMBER, "r-1", 3, 10, true));
    }

    @Test
    void aReturnTakesThePurchasesOwnPointsFirstNotTheOldest() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-0", "20.00"))
                .at(BOUGHT).commands(spend("t-1", "30.00"))
                .at(RETURNED);

        story.when(returning("r-1", "t-1", unit("latte", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("latte", 1, 30)), "30.00", 30, draws("t-1", 30), 0, 20));
    }

    @Test
    void whenThePurchasesOwnPointsWereSpentTheReturnTakesFromTheOldestBucketsBeforeOwing() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00"))
                .at(BOUGHT).commands(spend("t-2", "40.00"), redeem("reward-25", "key-1"))
                .at(RETURNED);

        story.when(returning("r-1", "t-1", unit("latte", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("latte", 1, 30)), "30.00", 30,
                        draws("t-1", 5, "t-2", 25), 0, 15));
    }

    @Test
    void returningSpentPointsLeavesADebtAndANegativeBalance() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"))
                .at(RETURNED);

        story.when(returning("r-1", "t-1", unit("latte", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("latte", 1, 30)), "30.00", 30, draws("t-1", 5), 25, -25))
                .expectResultMessagePayload(new ReturnReceipt(MEMBER, "r-1", 30, -25, false))
                .expectState(account -> assertThat(account.balance()).isEqualTo(-25));
    }

    @Test
    void theNextEarningRepaysTheDebtFirstAndKeepsTheRest() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"))
                .at(RETURNED).commands(returning("r-1", "t-1", unit("latte", 1)))
                .at("2025-04-01T10:00:00Z");
        RecordPurchase next = spend("t-2", "40.00");

        story.when(next)
                .expectEvents(
                        recorded(next),
                        new PointsEarned(MEMBER, "t-2", 40, 15, List.of(tierRate("GREEN", "1", 40, "40.00")), now(), "GREEN",
                                List.of(40L), "t-2", now(), null, 25),
                        expiryDateChanged(plusMonths(now(), 6), "PURCHASE"))
                .expectState(account -> {
                    assertThat(account.balance()).isEqualTo(15);
                    assertThat(account.available(now())).isEqualTo(15);
                });
    }

    @Test
    void anEarningSmallerThanTheDebtRepaysWhatItCanAndTheBalanceStaysNegative() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"))
                .at(RETURNED).commands(returning("r-1", "t-1", unit("latte", 1)))
                .at("2025-04-01T10:00:00Z");

        story.when(spend("t-2", "10.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.balance()).isEqualTo(-15));
        PointsEarned earned = last(PointsEarned.class);
        assertThat(earned.debtRepaid()).isEqualTo(10);
        assertThat(earned.balanceAfter()).isEqualTo(-15);
    }

    @Test
    void returningAnItemThatEarnedNothingTakesNothingAndDrawsFromNoBucket() {
        // 10.00 + 0.10 = 10.10 earns 10 points, split 10 / 0.
        var story = given().at(ENROLLED).commands(enrollment())
                .at(BOUGHT).commands(purchase("t-1", item("latte", 1, "10.00"), item("gum", 1, "0.10")))
                .at(RETURNED);

        story.when(returning("r-1", "t-1", unit("gum", 1)))
                .expectEvents(returned("r-1", "t-1", List.of(new ReturnedItem("gum", 1, 0)), "0.10", 0, List.of(), 0, 10));
    }

    @Test
    void pointsOfThePurchaseThatHadExpiredAreNotTakenASecondTime() {
        // Bought 15 March; six months without a purchase expire all 13 points on 15 September.
        var story = memberWhoBoughtCoffeesAndMuffin()
                .at("2025-09-16T10:00:00Z").commands(new ProcessDueWork(MEMBER))
                .at("2025-09-17T10:00:00Z");

        story.when(returning("r-1", "t-1", unit("coffee", 1)))
                .expectEvents(new PurchaseReturned(MEMBER, "r-1", "t-1", List.of(new ReturnedItem("coffee", 1, 3)),
                        new BigDecimal("3.50"), 3, List.of(), 3, 0, 0, now()))
                .expectResultMessagePayload(new ReturnReceipt(MEMBER, "r-1", 0, 0, false))
                .expectState(account -> assertThat(account.balance()).isZero());
    }
}
