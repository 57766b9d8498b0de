package org.loyalty.rules.tier;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The points that count toward a tier, dated by when they were earned, so that the sum over a rolling
 * window can be taken at any moment. A return counts negatively at the date of the purchase it undoes.
 *
 * <p>Every purchase asks for the sum, and a member's dated points only grow, so the sum is not a walk over them
 * (that made each purchase of a frequent buyer cost more than the last; bench/NOTES.md item 29): it is the total
 * minus what is dated at or before the window's start, and that part is remembered for the last start asked about
 * and moved forward from there, each dated entry added to it once as time passes.
 */
public final class QualifyingPoints {

    private final NavigableMap<Instant, Long> pointsByDate = new TreeMap<>();
    private long total;
    // A memo, not state: what the last window asked about left behind (an account rebuilt from its events starts
    // without it and answers the same).
    private transient Instant agedUpTo = Instant.MIN;
    private transient long aged; // the points dated at or before agedUpTo

    public void add(Instant earnedAt, long points) {
        pointsByDate.merge(earnedAt, points, Long::sum);
        total += points;
        if (!earnedAt.isAfter(agedUpTo)) {
            aged += points;
        }
    }

    /**
     * Points earned after (now - window). Points dated a little ahead of now count too: a POS clock
     * may run a few minutes fast, and its purchase must not miss an upgrade for that.
     */
    public long within(Period window, Instant now, ZoneId zone) {
        Instant from = now.atZone(zone).minus(window).toInstant();
        if (from.isBefore(agedUpTo)) {
            // An earlier start than last time (another window, or a clock set back): counted afresh.
            aged = sum(pointsByDate.headMap(from, true));
        } else {
            aged += sum(pointsByDate.subMap(agedUpTo, false, from, true));
        }
        agedUpTo = from;
        return Math.max(0, total - aged);
    }

    private static long sum(NavigableMap<Instant, Long> points) {
        long sum = 0;
        for (long value : points.values()) {
            sum += value;
        }
        return sum;
    }
}
