package org.loyalty.rules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyalty.api.purchase.PaymentMethod;

class LoyaltyProgramTest {

    private final LoyaltyProgram program = StandardProgram.standard();

    @Test
    void tiersAreOrderedByThresholdWhateverTheConfiguredOrder() {
        assertThat(program.tiers()).extracting(TierDefinition::code).containsExactly("GREEN", "GOLD", "RESERVE");
        assertThat(program.entryTier().code()).isEqualTo("GREEN");
    }

    @Test
    void theHighestTierReachedByThePointsIsChosen() {
        assertThat(program.tierFor(0).code()).isEqualTo("GREEN");
        assertThat(program.tierFor(499).code()).isEqualTo("GREEN");
        assertThat(program.tierFor(500).code()).isEqualTo("GOLD");
        assertThat(program.tierFor(2499).code()).isEqualTo("GOLD");
        assertThat(program.tierFor(2500).code()).isEqualTo("RESERVE");
    }

    @Test
    void theTierAboveAndBelow() {
        assertThat(program.above("GREEN")).map(TierDefinition::code).contains("GOLD");
        assertThat(program.above("RESERVE")).isEmpty();
        assertThat(program.below("RESERVE").code()).isEqualTo("GOLD");
        assertThat(program.below("GREEN").code()).isEqualTo("GREEN");
    }

    @Test
    void anUnknownTierCodeIsAnError() {
        assertThatThrownBy(() -> program.tier("PLATINUM")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rewardsAreFoundByTheirId() {
        assertThat(program.reward("reward-60")).map(CatalogReward::points).contains(60L);
        assertThat(program.reward("reward-1")).isEmpty();
    }

    @Test
    void theLowestTierMustNeedNoPoints() {
        TierDefinition silver = new TierDefinition("SILVER", 100, BigDecimal.ONE, Map.of(), new ExpiryPolicy.Never(), 1);

        assertThatThrownBy(() -> new LoyaltyProgram(List.of(silver), Period.ofMonths(12), Period.ofMonths(12), Duration.ZERO,
                Duration.ZERO, ZoneOffset.UTC, List.of(), "b", 500, 2000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPaymentRateReplacesTheTierRateForThatMethodOnly() {
        assertThat(StandardProgram.GREEN.rateFor(PaymentMethod.STORED_VALUE_CARD)).isEqualByComparingTo("2");
        assertThat(StandardProgram.GREEN.rateFor(PaymentMethod.CARD)).isEqualByComparingTo("1");
        assertThat(StandardProgram.GOLD.rateFor(PaymentMethod.STORED_VALUE_CARD)).isEqualByComparingTo("1.2");
    }

    @Test
    void aRewardMustCostPoints() {
        assertThatThrownBy(() -> new CatalogReward("free", "Free", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
