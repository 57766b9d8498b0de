package org.loyalty.rules.tier;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The points that count toward a tier, dated by when they were earned, so that the sum over a rolling
 * window can be taken at any moment. A return counts negatively at the date of the purchase it undoes.
 */
public final class QualifyingPoints {

    private record Entry(Instant earnedAt, long points) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public void add(Instant earnedAt, long points) {
        entries.add(new Entry(earnedAt, points));
    }

    /**
     * Points earned after (now - window). Points dated a little ahead of now count too: a POS clock
     * may run a few minutes fast, and its purchase must not miss an upgrade for that.
     */
    public long within(Period window, Instant now, ZoneId zone) {
        Instant from = now.atZone(zone).minus(window).toInstant();
        return Math.max(0, entries.stream()
                .filter(e -> e.earnedAt().isAfter(from))
                .mapToLong(Entry::points)
                .sum());
    }

    /** Drops what no window ending at or after {@code now} can see any more; keeps the state small. */
    public void forgetOutside(Period window, Instant now, ZoneId zone) {
        Instant from = now.atZone(zone).minus(window).toInstant();
        entries.removeIf(e -> !e.earnedAt().isAfter(from));
    }
}
