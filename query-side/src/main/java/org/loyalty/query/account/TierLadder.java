package org.loyalty.query.account;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The tiers' thresholds as the read side needs them to show progress: the query side knows the
 * program only through what the application hands it, never through the rules module.
 */
public record TierLadder(List<Step> steps, Period qualificationWindow, ZoneId zone) {

    /** A tier and the qualifying points that reach it; lowest first. */
    public record Step(String tier, long qualifyingPoints) {
    }

    public TierLadder {
        steps = List.copyOf(steps);
    }

    /** The start of the qualification window that ends at {@code now}. */
    Instant windowStart(Instant now) {
        return now.atZone(zone).minus(qualificationWindow).toInstant();
    }

    /**
     * A moment before which points earned at {@code earnedAt} are certainly still inside the window: until then
     * {@code windowStart(t)} stays before {@code earnedAt}. A day early, because month arithmetic clamps to the
     * month's last day and so cannot be undone exactly (Feb 29 plus 12 months is Feb 28).
     */
    Instant inWindowUntil(Instant earnedAt) {
        return earnedAt.atZone(zone).plus(qualificationWindow).minusDays(1).toInstant();
    }

    Step entry() {
        return steps.get(0);
    }

    Step step(String tier) {
        return steps.stream().filter(s -> s.tier().equals(tier)).findFirst().orElse(entry());
    }

    Optional<Step> above(String tier) {
        int index = steps.indexOf(step(tier));
        return index + 1 < steps.size() ? Optional.of(steps.get(index + 1)) : Optional.empty();
    }
}
