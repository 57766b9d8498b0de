package org.loyalty.query.retention;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A population of (x, t_x, T) histories prepared for repeated likelihood evaluation: identical triples
 * are merged with their counts, and each triple points into tables of the distinct x values, the
 * distinct time values (t_x and T together) and the distinct (x, time) pairs it uses.
 *
 * <p>Why: a fitter evaluates the likelihood hundreds of times. Real data are recorded by day, so a
 * large population has few distinct x, a few hundred distinct times and comparatively few (x, time)
 * pairs; everything that depends only on those (log-gammas per x, logarithms per time, hypergeometric
 * series per pair) can then be computed once per evaluation instead of once per customer.
 * Insertion order is kept, so sums over the triples are deterministic.
 */
final class DistinctHistories {

    /** Number of customers behind the triples (the sum of the counts). */
    final int customers;
    /** Number of distinct triples. */
    final int size;
    /** Per triple: how many customers share it. */
    final double[] count;
    /** Per triple: index into {@link #xValues}. */
    final int[] xIndex;
    /** Per triple: index into {@link #timeValues} of t_x, and of T. */
    final int[] recencyIndex;
    final int[] ageIndex;
    /** Per triple: index into the pair tables of (x, t_x), and of (x, T). */
    final int[] recencyPair;
    final int[] agePair;
    /** Distinct x values, in order of first appearance. */
    final int[] xValues;
    /** Distinct time values (t_x and T), in order of first appearance. */
    final double[] timeValues;
    /** Per distinct (x, time) pair: index into {@link #xValues}, and into {@link #timeValues}. */
    final int[] pairX;
    final int[] pairTime;
    /** Count-weighted means of x and T, for data-scaled starting points. */
    final double meanFrequency;
    final double meanAge;

    DistinctHistories(Collection<PurchaseHistory> histories) {
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit");
        }
        Map<PurchaseHistory, Integer> counts = new LinkedHashMap<>();
        for (PurchaseHistory h : histories) {
            counts.merge(normalised(h), 1, Integer::sum);
        }
        customers = histories.size();
        size = counts.size();
        count = new double[size];
        xIndex = new int[size];
        recencyIndex = new int[size];
        ageIndex = new int[size];
        Map<Integer, Integer> xs = new LinkedHashMap<>();
        Map<Double, Integer> times = new LinkedHashMap<>();
        double sumX = 0;
        double sumT = 0;
        int i = 0;
        for (Map.Entry<PurchaseHistory, Integer> e : counts.entrySet()) {
            PurchaseHistory h = e.getKey();
            count[i] = e.getValue();
            xIndex[i] = xs.computeIfAbsent(h.frequency(), k -> xs.size());
            recencyIndex[i] = times.computeIfAbsent(h.recency(), k -> times.size());
            ageIndex[i] = times.computeIfAbsent(h.age(), k -> times.size());
            sumX += count[i] * h.frequency();
            sumT += count[i] * h.age();
            i++;
        }
        xValues = xs.keySet().stream().mapToInt(Integer::intValue).toArray();
        timeValues = times.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        meanFrequency = sumX / customers;
        meanAge = sumT / customers;

        recencyPair = new int[size];
        agePair = new int[size];
        Map<Long, Integer> pairs = new HashMap<>();
        int[] px = new int[2 * size];
        int[] pt = new int[2 * size];
        for (int k = 0; k < size; k++) {
            recencyPair[k] = pairIndex(pairs, px, pt, xIndex[k], recencyIndex[k]);
            agePair[k] = pairIndex(pairs, px, pt, xIndex[k], ageIndex[k]);
        }
        pairX = Arrays.copyOf(px, pairs.size());
        pairTime = Arrays.copyOf(pt, pairs.size());
    }

    private int pairIndex(Map<Long, Integer> pairs, int[] px, int[] pt, int x, int time) {
        long key = ((long) x << 32) | time;
        Integer existing = pairs.get(key);
        if (existing != null) {
            return existing;
        }
        int index = pairs.size();
        pairs.put(key, index);
        px[index] = x;
        pt[index] = time;
        return index;
    }

    /** -0.0 and 0.0 are the same time (Double keys would tell them apart). */
    private static PurchaseHistory normalised(PurchaseHistory h) {
        boolean negativeZero = Double.doubleToRawLongBits(h.recency()) == Long.MIN_VALUE
                || Double.doubleToRawLongBits(h.age()) == Long.MIN_VALUE;
        return negativeZero ? new PurchaseHistory(h.frequency(), h.recency() + 0.0, h.age() + 0.0) : h;
    }
}
