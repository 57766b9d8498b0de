package org.loyalty.rules.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.rules.program.StandardProgram;
import org.loyalty.rules.program.TierDefinition;

class TierDecisionTest {

    private static final Instant UPGRADED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant VALID_UNTIL = Instant.parse("2026-03-01T10:00:00Z");

    private final TierDecision decision = new TierDecision(StandardProgram.standard());

    @ParameterizedTest(name = "[{index}] {0} with {1} points -> {2}")
    @CsvSource({
            "GREEN, 0, ",
            "GREEN, 499, ",
            "GREEN, 500, GOLD",
            "GREEN, 2499, GOLD",
            "GREEN, 2500, RESERVE",
            "GOLD, 499, ",
            "GOLD, 2000, ",
            "GOLD, 2500, RESERVE",
            "RESERVE, 100000, ",
            "RESERVE, 0, "})
    void anUpgradeGoesToTheHighestTierReachedAndNeverDown(String current, long points, String expected) {
        assertThat(decision.upgrade(current, points).map(TierDefinition::code).orElse(null)).isEqualTo(expected);
    }

    @Test
    void aStatusLastsTwelveMonthsAndTheEntryTierNeverRunsOut() {
        assertThat(decision.validUntil(StandardProgram.GOLD, UPGRADED)).isEqualTo(VALID_UNTIL);
        assertThat(decision.validUntil(StandardProgram.GREEN, UPGRADED)).isNull();
    }

    @Test
    void aStatusGainedOnALeapDayRunsToTheLastDayOfFebruary() {
        assertThat(decision.validUntil(StandardProgram.RESERVE, Instant.parse("2024-02-29T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
    }

    @Test
    void theStatusIsCheckedAtItsEndPlusTheGrace() {
        TierDecision withGrace = new TierDecision(StandardProgram.withGrace(Duration.ofDays(30)));

        assertThat(decision.checkAt(VALID_UNTIL)).isEqualTo(VALID_UNTIL);
        assertThat(withGrace.checkAt(VALID_UNTIL)).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
        assertThat(withGrace.checkAt(null)).isNull();
    }

    @Test
    void meetingTheThresholdAtTheAnniversaryRenewsForAnotherPeriodFromTheOldEnd() {
        TierDecision.Anniversary outcome = decision.atAnniversary("GOLD", VALID_UNTIL, 500);

        assertThat(outcome.renewed()).isTrue();
        assertThat(outcome.tier().code()).isEqualTo("GOLD");
        assertThat(outcome.validUntil()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
    }

    @Test
    void missingTheThresholdGoesDownOneTierToTheEntryTierWithoutEnd() {
        TierDecision.Anniversary outcome = decision.atAnniversary("GOLD", VALID_UNTIL, 499);

        assertThat(outcome.renewed()).isFalse();
        assertThat(outcome.tier().code()).isEqualTo("GREEN");
        assertThat(outcome.validUntil()).isNull();
    }

    @Test
    void aReserveMemberMissingEveryThresholdGoesDownOnlyToGoldForAnotherPeriod() {
        TierDecision.Anniversary outcome = decision.atAnniversary("RESERVE", VALID_UNTIL, 0);

        assertThat(outcome.renewed()).isFalse();
        assertThat(outcome.tier().code()).isEqualTo("GOLD");
        assertThat(outcome.validUntil()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
    }

    @Test
    void aReserveMemberWithGoldPointsAlsoGoesToGold() {
        assertThat(decision.atAnniversary("RESERVE", VALID_UNTIL, 1200).tier().code()).isEqualTo("GOLD");
    }
}
