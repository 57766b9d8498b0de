package org.loyalty.query.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * RFM quintile scores over a population: each member's recency, frequency and monetary value is
 * scored 1-5 by where it falls in the population, 5 for the best fifth (most recent, most frequent,
 * highest spend).
 *
 * <p>A value's score is 1 + ⌊5 · L / n⌋, where L is the number of the n members with a strictly worse
 * value: the quintile of the share of the population it beats. With all values distinct and n a
 * multiple of 5 these are exact quintiles. Ties: equal values always get the same score, so the score
 * does not depend on the input order (pandas' {@code qcut(rank(method="first"))}, often used for this,
 * splits ties arbitrarily). Counting only strictly worse members matters for frequency, where the
 * lowest value is typically shared by half the population or more (one-time buyers): they all score
 * F 1, which the segment maps expect (New is R 5, F 1), rather than a middle score. Consequences at the
 * edges: a population whose values are all equal scores 1 throughout (nobody stands out), and fewer
 * than 5 members cannot fill five fifths (1 member: 1; 2: 1, 3; 3: 1, 2, 4; 4: 1, 2, 3, 4).
 */
public final class RfmScorer {

    private RfmScorer() {
    }

    /** Scores for each member, in the order given. */
    public static List<RfmScore> score(List<RfmValues> population) {
        int[] r = quintileScores(population, RfmValues::daysSinceLastPurchase, Comparator.<Long>reverseOrder());
        int[] f = quintileScores(population, RfmValues::frequency, Comparator.<Long>naturalOrder());
        int[] m = quintileScores(population, RfmValues::monetary, Comparator.naturalOrder());
        List<RfmScore> out = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            out.add(new RfmScore(r[i], f[i], m[i]));
        }
        return out;
    }

    /**
     * Quintile scores of one value per member, in the members' order: 5 for the best fifth under
     * {@code worstToBest}. Values the comparator finds equal are ties (with BigDecimal's natural order,
     * 10.0 and 10.00 are the same amount).
     */
    public static <T, V> int[] quintileScores(List<T> members, Function<T, V> value, Comparator<? super V> worstToBest) {
        int n = members.size();
        int[] scores = new int[n];
        List<V> values = new ArrayList<>(n);
        for (T member : members) {
            values.add(value.apply(member));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> worstToBest.compare(values.get(i), values.get(j)));
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && worstToBest.compare(values.get(order[start]), values.get(order[end])) == 0) {
                end++;
            }
            // the `start` members before this tie group are strictly worse: 1 + ⌊5 L / n⌋ in integers
            int score = 1 + (int) (5L * start / n);
            for (int k = start; k < end; k++) {
                scores[order[k]] = score;
            }
            start = end;
        }
        return scores;
    }
}
