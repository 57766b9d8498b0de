package org.loyalty.command.birthday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.command.AccountFixtureTestBase;

/**
 * The birthday reward: issued by ProcessDueWork when the window opens (the start of the birthday in
 * the program's zone), once per year, valid for the tier's number of days. A 29 February birthday
 * opens on 28 February in common years.
 */
class BirthdayFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-06-15T10:00:00Z";
    private static final LocalDate FOURTH_OF_JULY = LocalDate.of(1990, 7, 4);

    private Story green(LocalDate birthday) {
        return given().at(ENROLLED).commands(enrollment(birthday));
    }

    private Story gold(LocalDate birthday) {
        return given().at(ENROLLED).commands(enrollment(birthday), spend("t-1", "500.00"));
    }

    private Story reserve(LocalDate birthday) {
        return given().at(ENROLLED).commands(enrollment(birthday), spend("t-1", "2500.00"));
    }

    private RewardIssued birthdayReward(int year, String validFrom, String validUntil) {
        return new RewardIssued(MEMBER, "birthday-" + year, "birthday-treat", "BIRTHDAY", Instant.parse(validFrom),
                Instant.parse(validUntil), now());
    }

    @Test
    void enrollingSchedulesTheNextBirthday() {
        green(FOURTH_OF_JULY);

        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2025-07-04T00:00:00Z"));
    }

    @Test
    void aGreenMemberGetsTheRewardWhenTheBirthdayStartsValidForThatDay() {
        var story = green(FOURTH_OF_JULY).at("2025-07-04T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-07-04T00:00:00Z", "2025-07-05T00:00:00Z"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-07-04T00:00:00Z"));
    }

    @Test
    void nothingIsIssuedBeforeTheBirthdayStarts() {
        var story = green(FOURTH_OF_JULY).at(Instant.parse("2025-07-04T00:00:00Z").minusSeconds(1));

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void theRewardIsIssuedOncePerYear() {
        var story = green(FOURTH_OF_JULY).at("2025-07-04T00:00:00Z").commands(dueWork()).at("2025-07-04T18:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void theNextYearBringsTheNextReward() {
        var story = green(FOURTH_OF_JULY).at("2025-07-04T00:00:00Z").commands(dueWork()).at("2026-07-04T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2026, "2026-07-04T00:00:00Z", "2026-07-05T00:00:00Z"));
    }

    @Test
    void aGoldMembersRewardIsValidForSevenDays() {
        var story = gold(FOURTH_OF_JULY).at("2025-07-04T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-07-04T00:00:00Z", "2025-07-11T00:00:00Z"));
    }

    @Test
    void aReserveMembersThirtyDayWindowRunsIntoTheNewYear() {
        var story = reserve(LocalDate.of(1985, 12, 20)).at("2025-12-20T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-12-20T00:00:00Z", "2026-01-19T00:00:00Z"));
    }

    @Test
    void aReserveRewardForThirtyFirstOfDecemberMissedUntilJanuaryIsStillIssuedForTheYearItOpened() {
        var story = reserve(LocalDate.of(1985, 12, 31)).at("2026-01-05T08:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-12-31T00:00:00Z", "2026-01-30T00:00:00Z"));
    }

    @Test
    void aRewardIssuedInDecemberIsNotIssuedAgainInJanuary() {
        var story = reserve(LocalDate.of(1985, 12, 31)).at("2025-12-31T00:00:00Z").commands(dueWork()).at("2026-01-10T00:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayOpensOnTheTwentyEighthInACommonYear() {
        var story = green(LocalDate.of(2000, 2, 29)).at("2026-02-28T00:00:00Z");
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-02-28T00:00:00Z"));

        story.when(dueWork())
                .expectEvents(birthdayReward(2026, "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2027-02-28T00:00:00Z"));
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayOpensOnTheDayItselfInALeapYear() {
        var story = green(LocalDate.of(2000, 2, 29)).at("2027-02-28T00:00:00Z").commands(dueWork());
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2028-02-29T00:00:00Z"));

        story.at("2028-02-29T00:00:00Z").when(dueWork())
                .expectEvents(birthdayReward(2028, "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z"));
    }

    @Test
    void onTheTwentyEighthOfALeapYearTheTwentyNinthBirthdayIsNotOpenYet() {
        var story = green(LocalDate.of(2000, 2, 29)).at("2027-02-28T00:00:00Z").commands(dueWork()).at("2028-02-28T12:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void aThirtyFirstOfJanuaryGoldWindowEndsInFebruary() {
        var story = gold(LocalDate.of(1992, 1, 31)).at("2026-01-31T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2026, "2026-01-31T00:00:00Z", "2026-02-07T00:00:00Z"));
    }

    @Test
    void aThirtyFirstOfDecemberGreenWindowEndsOnNewYearsDayAndTheNextOneIsAYearLater() {
        var story = green(LocalDate.of(1992, 12, 31)).at("2025-12-31T00:00:00Z");

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-12-31T00:00:00Z", "2026-01-01T00:00:00Z"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-12-31T00:00:00Z"));
    }

    @Test
    void aMemberWhoEnrollsOnTheirBirthdayIsDueAtOnceAndGetsTheReward() {
        var story = green(LocalDate.of(1990, 6, 15));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse(ENROLLED));

        story.when(dueWork())
                .expectEvents(birthdayReward(2025, "2025-06-15T00:00:00Z", "2025-06-16T00:00:00Z"));
    }

    @Test
    void aMemberWithoutBirthdayGetsNoReward() {
        var story = green(null).at("2025-07-04T00:00:00Z");

        story.when(dueWork()).expectNoEvents();
    }
}
