package org.loyalty.command.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Instants, each with an amount, in time order, for the questions a purchase asks about a member's past: "which
 * purchases in the last 90 days", "how many points did this rule give this month". Kept sorted as they come (almost
 * always in order: a POS clock running late inserts a little before the end), so that a period is found by two
 * binary searches and only what lies in it is read. A walk over the whole history made every purchase of a frequent
 * buyer cost more than the last (bench/NOTES.md items 29 and 46).
 *
 * <p>Two arrays instead of objects: an account holds one entry per purchase for as long as it is cached, and what it
 * holds is copied by the young collections until promoted (item 42). The amounts are only allocated once one is not
 * zero.
 */
final class DatedLog {

    private Instant[] times = new Instant[4];
    private long[] amounts; // null while every amount is 0
    private int size;
    private long total;

    void add(Instant at, long amount) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            if (amounts != null) {
                amounts = Arrays.copyOf(amounts, size * 2);
            }
        }
        if (amount != 0 && amounts == null) {
            amounts = new long[times.length];
        }
        int index = afterLast(at);
        System.arraycopy(times, index, times, index + 1, size - index);
        times[index] = at;
        if (amounts != null) {
            System.arraycopy(amounts, index, amounts, index + 1, size - index);
            amounts[index] = amount;
        }
        size++;
        total += amount;
    }

    int size() {
        return size;
    }

    long total() {
        return total;
    }

    /** The instants strictly between {@code after} and {@code before}, oldest first. */
    List<Instant> between(Instant after, Instant before) {
        int from = afterLast(after);
        int to = Math.max(from, firstAtOrAfter(before));
        return List.copyOf(Arrays.asList(times).subList(from, to));
    }

    /** How many entries lie in [{@code from}, {@code until}). */
    long count(Instant from, Instant until) {
        return Math.max(0, firstAtOrAfter(until) - firstAtOrAfter(from));
    }

    /** The sum of the amounts in [{@code from}, {@code until}). */
    long sum(Instant from, Instant until) {
        if (amounts == null) {
            return 0;
        }
        long sum = 0;
        for (int i = firstAtOrAfter(from), end = firstAtOrAfter(until); i < end; i++) {
            sum += amounts[i];
        }
        return sum;
    }

    /** The index of the first entry at or after {@code at}. */
    private int firstAtOrAfter(Instant at) {
        return firstIndex(at, false);
    }

    /** The index of the first entry after {@code at}: where a new entry at {@code at} goes, after its equals. */
    private int afterLast(Instant at) {
        // Almost every entry comes last: no search for it.
        return size == 0 || !times[size - 1].isAfter(at) ? size : firstIndex(at, true);
    }

    /** Binary search: the first entry after {@code at}, or at it too unless {@code pastEquals}. */
    private int firstIndex(Instant at, boolean pastEquals) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int order = times[middle].compareTo(at);
            if (order < 0 || (pastEquals && order == 0)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    // Field by field, for Axon's fixtures, which compare the account built by the command with the one its events rebuild.
    @Override
    public boolean equals(Object other) {
        return other instanceof DatedLog that && size == that.size && total == that.total
                && Arrays.equals(times, 0, size, that.times, 0, that.size)
                && Arrays.equals(amountsOrZeros(), that.amountsOrZeros());
    }

    @Override
    public int hashCode() {
        return 31 * size + Long.hashCode(total);
    }

    private long[] amountsOrZeros() {
        return amounts == null ? new long[size] : Arrays.copyOf(amounts, size);
    }
}
