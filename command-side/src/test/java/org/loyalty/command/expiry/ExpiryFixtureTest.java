package org.loyalty.command.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.equalTo;
import static org.axonframework.test.matchers.Matchers.listWithAnyOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;
import org.loyalty.rules.program.ExpiryPolicy;

/**
 * When points run out: Green's account-wide inactivity date (six months after the last purchase),
 * bucket by bucket under MonthsAfterEarnedMonth, never in Gold and Reserve. Expiry happens in
 * ProcessDueWork and takes only what is left, oldest first, once.
 */
class ExpiryFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";
    private static final String MARCH = "2025-03-15T10:00:00Z";
    private static final String APRIL = "2025-04-15T10:00:00Z";

    private void useMonthsAfterEarnedMonth(int months) {
        useProgram(TestProgram.builder().greenExpiry(new ExpiryPolicy.MonthsAfterEarnedMonth(months)).build());
    }

    /** 30 points earned on 15 March (t-1) and 20 on 15 April (t-2). */
    private Story greenMemberWithMarchAndAprilPoints() {
        return given().at(ENROLLED).commands(enrollment())
                .at(MARCH).commands(spend("t-1", "30.00"))
                .at(APRIL).commands(spend("t-2", "20.00"));
    }

    // ---- Green: inactivity ----

    @Test
    void aPurchaseSetsTheInactivityDateSixMonthsAfterItAndSchedulesIt() {
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH);

        story.when(spend("t-1", "30.00"))
                .expectEventsMatching(payloadsMatching(listWithAnyOf(
                        equalTo(expiryDateChanged(Instant.parse("2025-09-15T10:00:00Z"), "PURCHASE")))));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-09-15T10:00:00Z"));
    }

    @Test
    void everyPurchaseMovesTheInactivityDate() {
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH).commands(spend("t-1", "30.00")).at("2025-05-20T10:00:00Z");

        story.when(spend("t-2", "20.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.pointsExpireAt()).isEqualTo(Instant.parse("2025-11-20T10:00:00Z")));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-11-20T10:00:00Z"));
    }

    @Test
    void sixMonthsAfterThirtyFirstOfAugustIsTheLastDayOfFebruary() {
        var story = given().at(ENROLLED).commands(enrollment()).at("2025-08-31T10:00:00Z");

        story.when(spend("t-1", "30.00"))
                .expectState(account -> assertThat(account.pointsExpireAt()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z")));
    }

    @Test
    void beforeTheInactivityDateNothingExpires() {
        var story = greenMemberWithMarchAndAprilPoints().at(Instant.parse("2025-10-15T10:00:00Z").minusSeconds(1));

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void atTheInactivityDateEveryPointExpiresTogether() {
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-15T10:00:00Z");

        story.when(dueWork())
                .expectEvents(
                        new PointsExpired(MEMBER, 50, draws("t-1", 30, "t-2", 20), 0, "INACTIVITY", now()),
                        expiryDateChanged(null, "EXPIRED"))
                .expectState(account -> assertThat(account.balance()).isZero());
        assertThat(schedule.dueAt(MEMBER)).isEmpty();
    }

    @Test
    void anAccountExpiredForInactivityIsNeverExpiredTwice() {
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-15T10:00:00Z").commands(dueWork()).at("2025-12-01T10:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void onlyThePointsLeftExpireSpentOnesAreGone() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at(MARCH).commands(spend("t-1", "30.00"), redeem("reward-25", "key-1"))
                .at("2025-09-15T10:00:00Z");

        story.when(dueWork())
                .expectEvents(
                        new PointsExpired(MEMBER, 5, draws("t-1", 5), 0, "INACTIVITY", now()),
                        expiryDateChanged(null, "EXPIRED"));
    }

    @Test
    void aPurchaseAfterTheExpiryStartsAFreshPeriodWithOnlyItsOwnPoints() {
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-15T10:00:00Z").commands(dueWork()).at("2025-11-01T10:00:00Z");

        story.when(spend("t-3", "12.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> {
                    assertThat(account.balance()).isEqualTo(12);
                    assertThat(account.pointsExpireAt()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
                });
    }

    @Test
    void aPurchaseAfterAnOverdueInactivityDateDoesNotReviveTheExpiredPoints() {
        // The scheduler has not run since 15 September, when the 30 points' inactivity date passed.
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH).commands(spend("t-1", "30.00")).at("2025-10-01T10:00:00Z");

        story.when(spend("t-2", "20.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.balance()).isEqualTo(20));
    }

    @Test
    void pointsPastTheirInactivityDateCannotBeRedeemedBeforeTheDueWorkRuns() {
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH).commands(spend("t-1", "30.00")).at("2025-10-01T10:00:00Z");

        story.when(redeem("reward-25", "key-1"))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
    }

    // ---- months after the earned month ----

    @Test
    void aBucketEarnedOn15MarchExpiresOn1OctoberAndTheNextBucketIsScheduled() {
        useMonthsAfterEarnedMonth(6);
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-01T00:00:00Z");
        assertThat(history().stream().filter(PointsEarned.class::isInstance).map(PointsEarned.class::cast).map(PointsEarned::expiresAt))
                .containsExactly(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2025-11-01T00:00:00Z"));

        story.when(dueWork())
                .expectEvents(new PointsExpired(MEMBER, 30, draws("t-1", 30), 20, "EXPIRED_AFTER_MONTHS", now()));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void aBucketDoesNotExpireBeforeItsMonthIsOver() {
        useMonthsAfterEarnedMonth(6);
        var story = greenMemberWithMarchAndAprilPoints().at(Instant.parse("2025-10-01T00:00:00Z").minusSeconds(1));

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void bucketExpiryLeavesNoAccountWideInactivityDate() {
        useMonthsAfterEarnedMonth(6);
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH);

        story.when(spend("t-1", "30.00"))
                .expectState(account -> assertThat(account.pointsExpireAt()).isNull());
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-10-01T00:00:00Z"));
    }

    @Test
    void spendingEmptiesTheOldestBucketsFirstSoTheyHaveNothingLeftToExpire() {
        useMonthsAfterEarnedMonth(6);
        var story = given().at(ENROLLED).commands(enrollment())
                .at(MARCH).commands(spend("t-1", "30.00"))
                .at(APRIL).commands(spend("t-2", "40.00"), redeem("reward-60", "key-1"))
                .at("2025-10-01T00:00:00Z");

        story.when(dueWork()).expectNoEvents();
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void whatIsLeftOfAPartlySpentBucketExpiresWithIt() {
        useMonthsAfterEarnedMonth(6);
        var story = given().at(ENROLLED).commands(enrollment())
                .at(MARCH).commands(spend("t-1", "30.00"))
                .at(APRIL).commands(spend("t-2", "40.00"), redeem("reward-60", "key-1"))
                .at("2025-10-01T00:00:00Z").commands(dueWork())
                .at("2025-11-01T00:00:00Z");

        story.when(dueWork())
                .expectEvents(new PointsExpired(MEMBER, 10, draws("t-2", 10), 0, "EXPIRED_AFTER_MONTHS", now()));
        assertThat(schedule.dueAt(MEMBER)).isEmpty();
    }

    @Test
    void bucketsDueTogetherExpireTogetherOldestFirst() {
        useMonthsAfterEarnedMonth(6);
        var story = greenMemberWithMarchAndAprilPoints().at("2025-11-05T10:00:00Z");

        story.when(dueWork())
                .expectEvents(new PointsExpired(MEMBER, 50, draws("t-1", 30, "t-2", 20), 0, "EXPIRED_AFTER_MONTHS", now()));
    }

    @Test
    void aBucketIsNeverExpiredTwice() {
        useMonthsAfterEarnedMonth(6);
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-01T00:00:00Z").commands(dueWork()).at("2025-10-02T00:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void anExpiredBucketCannotBeSpentEvenBeforeTheDueWorkHasRun() {
        useMonthsAfterEarnedMonth(6);
        var story = greenMemberWithMarchAndAprilPoints().at("2025-10-02T10:00:00Z");

        story.when(redeem("reward-25", "key-1"))
                .expectNoEvents()
                .expectExceptionMessage("reward reward-25 costs 25 points; 20 are available");
    }

    // ---- Gold and Reserve ----

    @Test
    void goldPointsNeverExpireEvenAfterSixMonthsWithoutPurchase() {
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH).commands(spend("t-1", "500.00"))
                .at("2026-03-14T10:00:00Z");
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-03-15T10:00:00Z"));

        story.when(dueWork())
                .expectNoEvents()
                .expectState(account -> {
                    assertThat(account.balance()).isEqualTo(500);
                    assertThat(account.pointsExpireAt()).isNull();
                });
    }

    @Test
    void reservePointsCarryNoExpiryDate() {
        useMonthsAfterEarnedMonth(6);
        var story = given().at(ENROLLED).commands(enrollment()).at(MARCH).commands(spend("t-1", "2500.00")).at(APRIL);

        story.when(spend("t-2", "10.00")).expectSuccessfulHandlerExecution();
        PointsEarned earned = last(PointsEarned.class);
        assertThat(earned.tier()).isEqualTo("RESERVE");
        assertThat(earned.expiresAt()).isNull();
    }
}
