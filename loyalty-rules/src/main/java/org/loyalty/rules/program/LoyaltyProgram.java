package org.loyalty.rules.program;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every number of the loyalty program, as configuration: tiers (lowest first), the rolling window
 * that qualifies for them, how long a status lasts, the grace before a downgrade, how long earned
 * points stay pending, the time zone that dates are counted in, the rewards catalog, and the limits
 * on staff adjustments.
 */
public record LoyaltyProgram(
        List<TierDefinition> tiers,
        Period qualificationWindow,
        Period statusDuration,
        Duration downgradeGrace,
        Duration pendingPeriod,
        ZoneId zone,
        List<CatalogReward> catalog,
        String birthdayRewardId,
        long maxPointsPerAdjustment,
        long maxAdjustedPointsPerStaffPerDay) {

    public LoyaltyProgram {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a program needs at least one tier");
        }
        tiers = tiers.stream().sorted(Comparator.comparingLong(TierDefinition::qualifyingPoints)).toList();
        if (tiers.get(0).qualifyingPoints() != 0) {
            throw new IllegalArgumentException("the lowest tier is the one members join in: it must need 0 points");
        }
        catalog = List.copyOf(catalog);
    }

    public TierDefinition entryTier() {
        return tiers.get(0);
    }

    public TierDefinition tier(String code) {
        return tiers.stream().filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("tier " + code + " is not (or no longer) configured"));
    }

    /** The highest tier that {@code qualifyingPoints} reach. */
    public TierDefinition tierFor(long qualifyingPoints) {
        TierDefinition reached = entryTier();
        for (TierDefinition tier : tiers) {
            if (qualifyingPoints >= tier.qualifyingPoints()) {
                reached = tier;
            }
        }
        return reached;
    }

    public Optional<TierDefinition> above(String code) {
        int index = tiers.indexOf(tier(code));
        return index + 1 < tiers.size() ? Optional.of(tiers.get(index + 1)) : Optional.empty();
    }

    public TierDefinition below(String code) {
        int index = tiers.indexOf(tier(code));
        return tiers.get(Math.max(0, index - 1));
    }

    public boolean isEntryTier(String code) {
        return entryTier().code().equals(code);
    }

    public Optional<CatalogReward> reward(String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
