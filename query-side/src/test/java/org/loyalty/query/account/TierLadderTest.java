package org.loyalty.query.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TierLadderTest {

    @Test
    void pointsStayInTheWindowUntilTheirBoundAndLeaveWithinFourDaysOfIt() {
        SplittableRandom random = new SplittableRandom(8);
        for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"))) {
            for (Period window : List.of(Period.ofMonths(12), Period.ofMonths(1), Period.ofDays(90))) {
                TierLadder ladder = new TierLadder(List.of(new TierLadder.Step("GREEN", 0)), window, zone);
                for (int i = 0; i < 20_000; i++) {
                    // Every instant of 2020-2030 is as likely, month ends and leap days included.
                    Instant earnedAt = Instant.ofEpochSecond(1_577_836_800L + random.nextLong(315_576_000L));
                    Instant bound = ladder.inWindowUntil(earnedAt);
                    Instant before = bound.minusSeconds(1 + random.nextLong(86_400 * 60));
                    assertThat(ladder.windowStart(before)).as("%s in a %s window at %s", earnedAt, window, before).isBefore(earnedAt);
                    assertThat(ladder.windowStart(bound.minusNanos(1))).isBefore(earnedAt);
                    // Not much earlier than needed either (month ends clamp: Jan 31 + 1 month is Feb 28, so up to 3 days late).
                    assertThat(ladder.windowStart(bound.plus(Duration.ofDays(4))))
                            .as("gone soon after the bound: %s", earnedAt).isAfterOrEqualTo(earnedAt);
                }
            }
        }
    }
}
