package org.loyalty.rules.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QualifyingPointsTest {

    private static final Period TWELVE_MONTHS = Period.ofMonths(12);
    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    private final QualifyingPoints points = new QualifyingPoints();

    @Test
    void pointsEarnedInTheLastTwelveMonthsAddUp() {
        points.add(Instant.parse("2024-09-01T10:00:00Z"), 300);
        points.add(Instant.parse("2025-06-15T09:00:00Z"), 200);

        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(500);
    }

    @Test
    void theWindowStartsJustAfterTheSameInstantTwelveMonthsAgoAndEndsAtNow() {
        points.add(Instant.parse("2024-06-15T10:00:00Z"), 100);
        points.add(Instant.parse("2024-06-15T10:00:01Z"), 20);
        points.add(NOW, 3);

        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(23);
    }

    @Test
    void aReturnCountsNegativelyAtThePurchasesDate() {
        Instant bought = Instant.parse("2025-03-01T10:00:00Z");
        points.add(bought, 450);
        points.add(bought, -50);

        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(400);
        // Once the purchase leaves the window, so does its return.
        assertThat(points.within(TWELVE_MONTHS, Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC)).isZero();
    }

    @Test
    void theSumIsNeverNegative() {
        points.add(Instant.parse("2025-03-01T10:00:00Z"), -50);

        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isZero();
    }

    @Test
    void twelveMonthsBeforeTheLastDayOfFebruaryInALeapYear() {
        Instant leapDay = Instant.parse("2024-02-29T12:00:00Z");
        points.add(Instant.parse("2023-02-28T12:00:00Z"), 100);
        points.add(Instant.parse("2023-02-28T12:00:01Z"), 10);

        assertThat(points.within(TWELVE_MONTHS, leapDay, ZoneOffset.UTC)).isEqualTo(10);
    }

    @Test
    void theWindowIsCountedInTheProgramsZone() {
        // 20:00 UTC on 28 February 2025 is already 1 March in Tokyo: twelve months earlier is 1 March 2024 there
        // (29 February, 20:00 UTC), but 28 February 2024, 20:00 in UTC.
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant now = Instant.parse("2025-02-28T20:00:00Z");
        points.add(Instant.parse("2024-02-29T10:00:00Z"), 100);
        points.add(Instant.parse("2024-02-29T20:00:01Z"), 7);

        assertThat(points.within(TWELVE_MONTHS, now, tokyo)).isEqualTo(7);
        assertThat(points.within(TWELVE_MONTHS, now, ZoneOffset.UTC)).isEqualTo(107);
    }

    @Test
    void aWindowThatMovesForwardDropsWhatItLeavesBehindAndKeepsWhatIsAddedInside() {
        points.add(Instant.parse("2024-07-01T10:00:00Z"), 1000);
        points.add(Instant.parse("2025-01-01T10:00:00Z"), 200);
        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(1200);

        Instant fiveMonthsOn = NOW.atZone(ZoneOffset.UTC).plusMonths(5).toInstant();
        assertThat(points.within(TWELVE_MONTHS, fiveMonthsOn, ZoneOffset.UTC)).isEqualTo(200);

        // Added after the window moved: a return dated before the window's start does not count; a purchase inside does.
        points.add(Instant.parse("2024-07-01T10:00:00Z"), -1000);
        points.add(Instant.parse("2025-06-01T10:00:00Z"), 30);
        assertThat(points.within(TWELVE_MONTHS, fiveMonthsOn, ZoneOffset.UTC)).isEqualTo(230);
    }

    @Test
    void aWindowThatStartsEarlierThanTheLastOneAskedAboutCountsWhatItSeesAgain() {
        points.add(Instant.parse("2023-01-01T10:00:00Z"), 1000);
        points.add(Instant.parse("2025-01-01T10:00:00Z"), 200);

        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(200);
        assertThat(points.within(Period.ofYears(5), NOW, ZoneOffset.UTC)).isEqualTo(1200);
        assertThat(points.within(TWELVE_MONTHS, NOW, ZoneOffset.UTC)).isEqualTo(200);
    }
}
