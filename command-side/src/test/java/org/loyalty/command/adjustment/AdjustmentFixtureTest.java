package org.loyalty.command.adjustment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.adjustment.AdjustmentReceipt;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;
import org.loyalty.rules.program.ExpiryPolicy;

/**
 * Staff adjustments: positive ones open a bucket (after repaying any debt), negative ones take from
 * the oldest buckets and owe the rest; at most 500 points per adjustment and 2000 per staff member
 * and day; a retried adjustment is answered from the account without using the allowance again.
 */
class AdjustmentFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";
    private static final String ADJUSTING = "2025-03-20T10:00:00Z";
    private static final LocalDate ADJUSTING_DAY = LocalDate.of(2025, 3, 20);

    private Story memberWith30And40() {
        return given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00"))
                .at("2025-03-10T10:00:00Z").commands(spend("t-2", "40.00"))
                .at(ADJUSTING);
    }

    private PointsAdjusted credited(String adjustmentId, long points, Instant expiresAt, long debtRepaid, long balanceAfter) {
        return new PointsAdjusted(MEMBER, adjustmentId, "staff-1", points, "goodwill", "adjustment/" + adjustmentId, expiresAt,
                List.of(), debtRepaid, 0, balanceAfter, now());
    }

    /** Gift points to a member who never bought start the Green inactivity period (6 months) now. */
    private ExpiryDateChanged inactivityPeriodStarted() {
        return new ExpiryDateChanged(MEMBER, now().atZone(java.time.ZoneOffset.UTC).plusMonths(6).toInstant(), "ADJUSTED", now());
    }

    private PointsAdjusted debited(String adjustmentId, long points, List<BucketDraw> draws, long debtIncurred,
                                   long balanceAfter) {
        return new PointsAdjusted(MEMBER, adjustmentId, "staff-1", points, "goodwill", null, null, draws, 0, debtIncurred,
                balanceAfter, now());
    }

    // ---- adding and removing points ----

    @Test
    void aPositiveAdjustmentOpensItsOwnBucketAndUsesTheStaffAllowance() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);

        story.when(adjust("adj-1", "staff-1", 100))
                .expectEvents(credited("adj-1", 100, null, 0, 100), inactivityPeriodStarted())
                .expectResultMessagePayload(new AdjustmentReceipt(MEMBER, "adj-1", 100, 100, false));
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isEqualTo(100);
    }

    @Test
    void aNegativeAdjustmentTakesFromTheOldestBucketsFirst() {
        var story = memberWith30And40();

        story.when(adjust("adj-1", "staff-1", -50))
                .expectEvents(debited("adj-1", -50, draws("t-1", 30, "t-2", 20), 0, 20))
                .expectResultMessagePayload(new AdjustmentReceipt(MEMBER, "adj-1", -50, 20, false));
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isEqualTo(50);
    }

    @Test
    void aNegativeAdjustmentLargerThanTheBalanceLeavesADebt() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00")).at(ADJUSTING);

        story.when(adjust("adj-1", "staff-1", -50))
                .expectEvents(debited("adj-1", -50, draws("t-1", 30), 20, -20))
                .expectState(account -> assertThat(account.balance()).isEqualTo(-20));
    }

    @Test
    void aPositiveAdjustmentRepaysADebtFirst() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00"))
                .at(ADJUSTING).commands(adjust("adj-1", "staff-1", -55));

        story.when(adjust("adj-2", "staff-1", 40))
                .expectEvents(credited("adj-2", 40, null, 25, 15))
                .expectState(account -> assertThat(account.available(now())).isEqualTo(15));
    }

    @Test
    void adjustedPointsAreSpendableAtOnceEvenWithAPendingPeriod() {
        useProgram(TestProgram.builder().pendingPeriod(Duration.ofDays(14)).build());
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING).commands(adjust("adj-1", "staff-1", 100));

        story.when(redeem("reward-60", "key-1")).expectSuccessfulHandlerExecution();
    }

    @Test
    void underBucketExpiryAnAdjustmentExpiresLikePointsEarnedThatDay() {
        useProgram(TestProgram.builder().greenExpiry(new ExpiryPolicy.MonthsAfterEarnedMonth(6)).build());
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);

        story.when(adjust("adj-1", "staff-1", 100))
                .expectEvents(credited("adj-1", 100, Instant.parse("2025-10-01T00:00:00Z"), 0, 100));
    }

    // ---- limits ----

    @Test
    void fiveHundredPointsInOneAdjustmentAreAllowed() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);

        story.when(adjust("adj-1", "staff-1", 500)).expectEvents(credited("adj-1", 500, null, 0, 500), inactivityPeriodStarted());
    }

    @ParameterizedTest(name = "[{index}] {0} points")
    @ValueSource(longs = {501, -501, 10_000})
    void moreThanFiveHundredPointsInOneAdjustmentAreRefusedInEitherDirection(long points) {
        var story = memberWith30And40();

        story.when(adjust("adj-1", "staff-1", points))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("points")))
                .expectExceptionMessage("one adjustment may move at most 500 points");
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isZero();
    }

    @Test
    void theMostNegativeLongIsRefusedByTheLimitAndNeitherTouchesTheBalanceNorTheAllowance() {
        var story = memberWith30And40();

        story.when(adjust("adj-1", "staff-1", Long.MIN_VALUE))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isZero();
    }

    @Test
    void anAdjustmentPassingTheStaffMembersDailyLimitIsRefused() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);
        allowance.consume("staff-1", ADJUSTING_DAY, 1800, 2000);

        story.when(adjust("adj-1", "staff-1", 300))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("points")))
                .expectExceptionMessage("staff member staff-1 may adjust at most 2000 points a day");
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isEqualTo(1800);
    }

    @Test
    void theDailyLimitCountsPointsMovedInBothDirections() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING).commands(
                adjust("adj-1", "staff-1", 500), adjust("adj-2", "staff-1", 500),
                adjust("adj-3", "staff-1", -500), adjust("adj-4", "staff-1", 500));
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isEqualTo(2000);

        story.when(adjust("adj-5", "staff-1", 1))
                .expectNoEvents()
                .expectExceptionMessage("staff member staff-1 may adjust at most 2000 points a day");
    }

    @Test
    void anotherStaffMemberHasTheirOwnAllowance() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);
        allowance.consume("staff-1", ADJUSTING_DAY, 2000, 2000);

        story.when(new AdjustPoints(MEMBER, "adj-1", "staff-2", 300, "goodwill")).expectSuccessfulHandlerExecution();
        assertThat(allowance.used("staff-2", ADJUSTING_DAY)).isEqualTo(300);
    }

    @Test
    void theAllowanceStartsAfreshTheNextDay() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);
        allowance.consume("staff-1", ADJUSTING_DAY, 2000, 2000);

        story.at("2025-03-21T00:00:00Z").when(adjust("adj-1", "staff-1", 300)).expectSuccessfulHandlerExecution();
        assertThat(allowance.used("staff-1", LocalDate.of(2025, 3, 21))).isEqualTo(300);
    }

    // ---- retries and malformed requests ----

    @Test
    void aRetriedAdjustmentAnswersWithTheFirstReceiptAndDoesNotUseTheAllowanceAgain() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING).commands(adjust("adj-1", "staff-1", 300));

        story.when(adjust("adj-1", "staff-1", 300))
                .expectNoEvents()
                .expectResultMessagePayload(new AdjustmentReceipt(MEMBER, "adj-1", 300, 300, true));
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isEqualTo(300);
    }

    @Test
    void aRetryIsAnsweredEvenOnceTheDaysAllowanceIsUsedUp() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING).commands(adjust("adj-1", "staff-1", 300));
        allowance.consume("staff-1", ADJUSTING_DAY, 1700, 2000);

        story.when(adjust("adj-1", "staff-1", 300))
                .expectNoEvents()
                .expectResultMessagePayload(new AdjustmentReceipt(MEMBER, "adj-1", 300, 300, true));
    }

    @Test
    void anAdjustmentOfZeroPointsIsAnInvalidRequest() {
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING);

        story.when(adjust("adj-1", "staff-1", 0))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: points must not be 0;");
        assertThat(allowance.used("staff-1", ADJUSTING_DAY)).isZero();
    }

    // ---- bucket ids ----

    @Test
    void aPosTransactionIdShapedLikeAnAdjustmentBucketDoesNotClashWithTheAdjustment() {
        // Transaction ids may contain ':' and adjustment buckets are named "adjustment:<adjustmentId>".
        var story = given().at(ENROLLED).commands(enrollment()).at(ADJUSTING).commands(adjust("adj-1", "staff-1", 100));

        story.when(spend("adjustment:adj-1", "30.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.balance()).isEqualTo(130));
    }
}
