package org.loyalty.rules.tier;

import java.time.Instant;
import java.util.Optional;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.program.TierDefinition;

/**
 * When a member's tier changes. Upgrades happen the moment the rolling window reaches a higher
 * threshold; a status then lasts {@code statusDuration} and is checked at its anniversary (after
 * the grace period): kept for another period if the threshold is met again, otherwise one tier down.
 */
public final class TierDecision {

    public static final String QUALIFIED = "QUALIFIED";
    public static final String NOT_REQUALIFIED = "NOT_REQUALIFIED";

    /** What the anniversary check decided. {@code tier} is the tier from then on. */
    public record Anniversary(boolean renewed, TierDefinition tier, Instant validUntil) {
    }

    private final LoyaltyProgram program;

    public TierDecision(LoyaltyProgram program) {
        this.program = program;
    }

    /** The higher tier that {@code qualifyingPoints} reach, if any. */
    public Optional<TierDefinition> upgrade(String currentTier, long qualifyingPoints) {
        TierDefinition reached = program.tierFor(qualifyingPoints);
        return reached.qualifyingPoints() > program.tier(currentTier).qualifyingPoints() ? Optional.of(reached) : Optional.empty();
    }

    /** A status gained (or renewed) at {@code from} lasts until this; the entry tier never runs out. */
    public Instant validUntil(TierDefinition tier, Instant from) {
        return program.isEntryTier(tier.code()) ? null : from.atZone(program.zone()).plus(program.statusDuration()).toInstant();
    }

    /** When the status that runs until {@code validUntil} is checked: after the grace period. */
    public Instant checkAt(Instant validUntil) {
        return validUntil == null ? null : validUntil.plus(program.downgradeGrace());
    }

    public Anniversary atAnniversary(String currentTier, Instant validUntil, long qualifyingPoints) {
        TierDefinition current = program.tier(currentTier);
        if (qualifyingPoints >= current.qualifyingPoints()) {
            return new Anniversary(true, current, validUntil(current, validUntil));
        }
        TierDefinition lower = program.below(currentTier);
        return new Anniversary(false, lower, validUntil(lower, validUntil));
    }
}
