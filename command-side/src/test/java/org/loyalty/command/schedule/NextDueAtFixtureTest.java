package org.loyalty.command.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;
import org.loyalty.rules.program.ExpiryPolicy;

/**
 * After every command the account writes when ProcessDueWork next has something to do: the earliest
 * of its next bucket expiry, its inactivity date, its status check (anniversary plus grace) and its
 * next birthday window; nothing when none of these will ever come.
 */
class NextDueAtFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-03-01T10:00:00Z";

    @Test
    void aNewMemberWithoutBirthdayOrPointsHasNothingDue() {
        given().at(ENROLLED).when(enrollment()).expectSuccessfulHandlerExecution();

        assertThat(schedule.wasWritten(MEMBER)).isTrue();
        assertThat(schedule.dueAt(MEMBER)).isEmpty();
    }

    @Test
    void aNewMemberIsDueAtTheirNextBirthday() {
        given().at(ENROLLED).when(enrollment(LocalDate.of(1990, 2, 10))).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-02-10T00:00:00Z"));
    }

    @Test
    void aGreenPurchaseMakesTheInactivityDateDueWhenItComesBeforeTheBirthday() {
        var story = given().at(ENROLLED).commands(enrollment(LocalDate.of(1990, 12, 1))).at("2025-03-15T10:00:00Z");

        story.when(spend("t-1", "30.00")).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-09-15T10:00:00Z"));
    }

    @Test
    void aBirthdayBeforeTheInactivityDateComesFirst() {
        var story = given().at(ENROLLED).commands(enrollment(LocalDate.of(1990, 5, 1))).at("2025-03-15T10:00:00Z");

        story.when(spend("t-1", "30.00")).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-05-01T00:00:00Z"));
    }

    @Test
    void underBucketExpiryTheOldestBucketHoldingPointsIsDue() {
        useProgram(TestProgram.builder().greenExpiry(new ExpiryPolicy.MonthsAfterEarnedMonth(6)).build());
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00"))
                .at("2025-04-15T10:00:00Z").commands(spend("t-2", "40.00"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-10-01T00:00:00Z"));

        // Spending the whole March bucket leaves April's as the next to expire.
        story.when(redeem("reward-60", "key-1")).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void aGoldMemberIsDueAtTheAnniversaryOfTheStatus() {
        given().at(ENROLLED).commands(enrollment()).at("2025-03-15T10:00:00Z").when(spend("t-1", "500.00"))
                .expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-03-15T10:00:00Z"));
    }

    @Test
    void withAGraceTheStatusCheckIsDueWhenTheGraceEnds() {
        useProgram(TestProgram.builder().downgradeGrace(Duration.ofDays(14)).build());
        given().at(ENROLLED).commands(enrollment()).at("2025-03-15T10:00:00Z").when(spend("t-1", "500.00"))
                .expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-03-29T10:00:00Z"));
    }

    @Test
    void aMemberEnrollingOnTheirBirthdayIsDueAtOnce() {
        given().at("2025-12-20T09:00:00Z").when(enrollment(LocalDate.of(1990, 12, 20))).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-12-20T09:00:00Z"));
    }

    @Test
    void onceEverythingHasExpiredAndNoBirthdayIsKnownNothingIsDue() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00")).at("2025-09-01T10:00:00Z");

        story.when(dueWork()).expectSuccessfulHandlerExecution();

        assertThat(schedule.dueAt(MEMBER)).isEmpty();
    }

    @Test
    void aRefusedCommandLeavesTheScheduleAsItWas() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "30.00"));
        schedule.dueAt(MEMBER, Instant.parse("2030-01-01T00:00:00Z"));

        story.when(redeem("reward-400", "key-1")).expectException(RuleViolationException.class);

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2030-01-01T00:00:00Z"));
    }
}
