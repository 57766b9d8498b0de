package org.loyalty.command.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.api.redemption.RedemptionReceipt;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.rules.program.ExpiryPolicy;

/** Spending points on catalog rewards (oldest points first) and the POS undoing it. */
class RedemptionFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";
    private static final String FIRST_PURCHASE = "2025-03-15T10:00:00Z";
    private static final String SECOND_PURCHASE = "2025-04-15T10:00:00Z";
    private static final String REDEEMING = "2025-05-01T10:00:00Z";

    /** The redemption id is a random UUID: expected events leave it out, the tests read it from the stream. */
    @Override
    protected void configure(AggregateTestFixture<MemberAccount> newFixture) {
        newFixture.registerIgnoredField(PointsRedeemed.class, "redemptionId");
    }

    /** 30 points from 15 March (t-1) and 40 from 15 April (t-2). */
    private Story memberWithTwoBuckets() {
        return given().at(ENROLLED).commands(enrollment())
                .at(FIRST_PURCHASE).commands(spend("t-1", "30.00"))
                .at(SECOND_PURCHASE).commands(spend("t-2", "40.00"));
    }

    private String redemptionIdOf(String idempotencyKey) {
        return history().stream().filter(PointsRedeemed.class::isInstance).map(PointsRedeemed.class::cast)
                .filter(r -> r.idempotencyKey().equals(idempotencyKey)).findFirst().orElseThrow().redemptionId();
    }

    private static RuleViolationException ruleViolation(Object e) {
        return (RuleViolationException) e;
    }

    // ---- redeeming ----

    @Test
    void aRedemptionDrawsFromTheOldestBucketsFirst() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(redeem("reward-60", "key-1"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-1", "reward-60", 60, draws("t-1", 30, "t-2", 30), 10, now()))
                .expectResultMessagePayloadMatching(predicate(r -> r instanceof RedemptionReceipt receipt
                        && receipt.equals(new RedemptionReceipt(MEMBER, receipt.redemptionId(), "reward-60", 60, 10, false, false))))
                .expectState(account -> assertThat(account.balance()).isEqualTo(10));
    }

    @Test
    void aSmallRewardIsTakenFromTheOldestBucketAlone() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(redeem("reward-25", "key-1"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-1", "reward-25", 25, draws("t-1", 25), 45, now()));
    }

    @Test
    void theNextRedemptionContinuesWhereTheLastOneStopped() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-25", "key-1"));

        story.when(redeem("reward-25", "key-2"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-2", "reward-25", 25, draws("t-1", 5, "t-2", 20), 20, now()));
    }

    @Test
    void aRewardCostingMoreThanTheAvailablePointsIsRefusedAsARuleViolation() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(redeem("reward-100", "key-1"))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("reward reward-100 costs 100 points; 70 are available");
    }

    @Test
    void aRewardThatIsNotInTheCatalogIsRefusedNamingTheRewardId() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(redeem("reward-999", "key-1"))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("rewardId")))
                .expectExceptionMessage("no reward reward-999 in the catalog");
    }

    @Test
    void aMalformedRedemptionIsAnInvalidRequest() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(new RedeemReward(MEMBER, "reward-25", " "))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: idempotencyKey must not be blank;");
    }

    /** 30 earned, 25 of them spent, then the purchase returned: 30 taken back, 5 from its bucket and 25 owed. */
    private Story memberInDebtOf25() {
        return given().at(ENROLLED).commands(enrollment())
                .at(FIRST_PURCHASE).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"),
                        returning("r-1", "t-1", unit("latte", 1)));
    }

    @Test
    void aMemberWithANegativeBalanceAfterAReturnCannotRedeem() {
        var story = memberInDebtOf25();

        story.at(REDEEMING).when(redeem("reward-25", "key-2"))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("rewardId")))
                .expectExceptionMessage("the balance is negative (-25) after a return; redemptions resume once it is positive");
    }

    @Test
    void aBalanceStillNegativeAfterPartlyRepayingTheDebtStillBlocksRedemption() {
        var story = memberInDebtOf25().at(SECOND_PURCHASE).commands(spend("t-2", "10.00"));

        story.at(REDEEMING).when(redeem("reward-25", "key-2"))
                .expectNoEvents()
                .expectExceptionMessage("the balance is negative (-15) after a return; redemptions resume once it is positive");
    }

    @Test
    void onceTheDebtIsRepaidRedemptionsResumeFromWhatTheEarningKept() {
        var story = memberInDebtOf25().at(SECOND_PURCHASE).commands(spend("t-2", "60.00"));

        // t-2 earned 60, 25 of which repaid the debt: its bucket holds 35.
        story.at(REDEEMING).when(redeem("reward-25", "key-2"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-2", "reward-25", 25, draws("t-2", 25), 10, now()));
    }

    // ---- pending points ----

    @Test
    void pointsStillPendingCannotBeRedeemed() {
        useProgram(TestProgram.builder().pendingPeriod(Duration.ofDays(14)).build());
        var story = given().at(ENROLLED).commands(enrollment())
                .at(FIRST_PURCHASE).commands(spend("t-1", "30.00"));

        story.at(Instant.parse(FIRST_PURCHASE).plus(Duration.ofDays(14)).minusSeconds(1))
                .when(redeem("reward-25", "key-1"))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("reward reward-25 costs 25 points; 0 are available");
    }

    @Test
    void pendingPointsAreRedeemableFromTheirAvailableAtOn() {
        useProgram(TestProgram.builder().pendingPeriod(Duration.ofDays(14)).build());
        var story = given().at(ENROLLED).commands(enrollment())
                .at(FIRST_PURCHASE).commands(spend("t-1", "30.00"));

        story.at(Instant.parse(FIRST_PURCHASE).plus(Duration.ofDays(14)))
                .when(redeem("reward-25", "key-1"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-1", "reward-25", 25, draws("t-1", 25), 5, now()));
    }

    @Test
    void onlyThePointsPastThePendingPeriodAreSpentTheNewerOnesStayPending() {
        useProgram(TestProgram.builder().pendingPeriod(Duration.ofDays(14)).build());
        var story = memberWithTwoBuckets();

        // On 20 April t-1 (15 March) is spendable, t-2 (15 April) is pending until 29 April.
        story.at("2025-04-20T10:00:00Z").when(redeem("reward-60", "key-1"))
                .expectNoEvents()
                .expectExceptionMessage("reward reward-60 costs 60 points; 30 are available");
    }

    // ---- idempotency ----

    @Test
    void theSameIdempotencyKeyAnswersWithTheSameRedemptionMarkedReplayedAndSpendsNothing() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-25", "key-1"));
        String redemptionId = redemptionIdOf("key-1");

        story.when(redeem("reward-25", "key-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionReceipt(MEMBER, redemptionId, "reward-25", 25, 45, false, true));
    }

    @Test
    void aRetryAnswersWithTheFirstReceiptEvenWhenTheBalanceMovedSince() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-25", "key-1"), spend("t-3", "10.00"));
        String redemptionId = redemptionIdOf("key-1");

        // RedeemReward: "the member's idempotencyKey makes a retry return the first answer" (balance 45, not today's 55).
        story.when(redeem("reward-25", "key-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionReceipt(MEMBER, redemptionId, "reward-25", 25, 45, false, true));
    }

    // ---- cancellation ----

    @Test
    void cancellingARedemptionGivesThePointsBackToTheBucketsTheyCameFrom() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-60", "key-1"));
        String redemptionId = redemptionIdOf("key-1");
        PointsRedeemed redeemed = last(PointsRedeemed.class);

        story.at("2025-05-01T10:05:00Z").when(cancel(redemptionId))
                .expectEvents(new RedemptionCancelled(MEMBER, redemptionId, 60, draws("t-1", 30, "t-2", 30), 70,
                        "customer changed their mind", now()))
                .expectResultMessagePayload(new RedemptionReceipt(MEMBER, redemptionId, "reward-60", 60, 70, true, false))
                .expectState(account -> assertThat(account.available(now())).isEqualTo(70));
        assertThat(last(RedemptionCancelled.class).restored()).isEqualTo(redeemed.draws());
    }

    @Test
    void cancellingTwiceChangesNothingAndAnswersAsAReplay() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-60", "key-1"));
        String redemptionId = redemptionIdOf("key-1");
        story.commands(cancel(redemptionId));

        story.when(cancel(redemptionId))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionReceipt(MEMBER, redemptionId, "reward-60", 60, 70, true, true));
    }

    @Test
    void aRedemptionRetriedAfterItsCancellationAnswersWithTheCancelledRedemptionAndSpendsNothing() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-60", "key-1"));
        String redemptionId = redemptionIdOf("key-1");
        story.commands(cancel(redemptionId));

        story.when(redeem("reward-60", "key-1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(r -> r instanceof RedemptionReceipt receipt
                        && receipt.redemptionId().equals(redemptionId) && receipt.cancelled() && receipt.replayed()));
    }

    @Test
    void cancellingAnUnknownRedemptionIsNotFound() {
        var story = memberWithTwoBuckets().at(REDEEMING);

        story.when(cancel("no-such-redemption"))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof NotFoundException n && n.field().equals("redemptionId")));
    }

    @Test
    void restoredPointsKeepTheExpiryOfTheBucketTheyReturnTo() {
        useProgram(TestProgram.builder().greenExpiry(new ExpiryPolicy.MonthsAfterEarnedMonth(6)).build());
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-60", "key-1"));
        story.at("2025-06-01T10:00:00Z").commands(cancel(redemptionIdOf("key-1")));

        // t-1 was earned in March: its 30 points, given back by the cancellation, expire on 1 October with it.
        story.at("2025-10-01T00:00:00Z").when(dueWork())
                .expectEvents(new PointsExpired(MEMBER, 30, draws("t-1", 30), 40, "EXPIRED_AFTER_MONTHS", now()));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void pointsGivenBackAfterTheAccountExpiredForInactivityExpireAgainInsteadOfLivingForever() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(FIRST_PURCHASE).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"));
        String redemptionId = redemptionIdOf("key-1");
        story.at("2025-09-15T10:00:00Z").commands(dueWork());

        // The 25 points' original expiry (15 September, six months after the last purchase) has passed.
        story.at("2025-09-20T10:00:00Z").when(cancel(redemptionId))
                .expectSuccessfulHandlerExecution();
        assertThat(schedule.dueAt(MEMBER)).as("the restored points must be due to expire").isPresent();
        assertThat(schedule.dueAt(MEMBER).get()).isBeforeOrEqualTo(now());
    }

    @Test
    void aCancellationFollowedByRedemptionDrawsTheRestoredPointsFirst() {
        var story = memberWithTwoBuckets().at(REDEEMING).commands(redeem("reward-60", "key-1"));
        story.commands(cancel(redemptionIdOf("key-1")));

        story.when(redeem("reward-25", "key-2"))
                .expectEvents(new PointsRedeemed(MEMBER, "(random)", "key-2", "reward-25", 25, draws("t-1", 25), 45, now()));
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRewardIsAConflict() {
        var story = given().at("2025-06-01T10:00:00Z").commands(enrollment(), spend("t-1", "100.00"), redeem("reward-25", "key-1"));

        story.when(redeem("reward-60", "key-1"))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }
}
