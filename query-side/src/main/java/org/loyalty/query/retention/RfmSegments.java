package org.loyalty.query.retention;

import java.util.List;
import java.util.Objects;

/**
 * Maps RFM scores to named segments with a rule table: rules are tried in order and the first whose
 * recency range and second-axis range both contain the member's scores names the segment. The second
 * axis is F alone or the combined FM score ({@link RfmScore#frequencyMonetary()}). The table is data,
 * so a program can load its own from configuration; it must give every one of the 25 (R, second)
 * cells a segment, which the constructor checks, so that no member ends up unsegmented.
 */
public final class RfmSegments {

    /** What the second range of each rule is compared with. */
    public enum SecondAxis {
        FREQUENCY,
        FREQUENCY_MONETARY
    }

    /** One row of the table: the segment for R in [minRecency, maxRecency] and second in [minSecond, maxSecond]. */
    public record Rule(String segment, int minRecency, int maxRecency, int minSecond, int maxSecond) {
        public Rule {
            if (segment == null || segment.isBlank()) {
                throw new IllegalArgumentException("segment name must not be blank");
            }
            RfmScore.requireScore("minRecency", minRecency);
            RfmScore.requireScore("maxRecency", maxRecency);
            RfmScore.requireScore("minSecond", minSecond);
            RfmScore.requireScore("maxSecond", maxSecond);
            if (minRecency > maxRecency || minSecond > maxSecond) {
                throw new IllegalArgumentException("empty range in rule for " + segment);
            }
        }

        boolean matches(int recency, int second) {
            return minRecency <= recency && recency <= maxRecency && minSecond <= second && second <= maxSecond;
        }
    }

    public static final String CHAMPIONS = "Champions";
    public static final String LOYAL = "Loyal";
    public static final String POTENTIAL_LOYALIST = "Potential Loyalist";
    public static final String NEW = "New";
    public static final String PROMISING = "Promising";
    public static final String NEED_ATTENTION = "Need Attention";
    public static final String ABOUT_TO_SLEEP = "About to Sleep";
    public static final String AT_RISK = "At Risk";
    public static final String CANT_LOSE_THEM = "Can't Lose Them";
    public static final String HIBERNATING = "Hibernating";
    public static final String LOST = "Lost";

    private final SecondAxis secondAxis;
    private final List<Rule> rules;

    /**
     * @param rules in priority order (first match wins)
     * @throws IllegalArgumentException if some (R, second) cell matches no rule
     */
    public RfmSegments(SecondAxis secondAxis, List<Rule> rules) {
        this.secondAxis = Objects.requireNonNull(secondAxis, "secondAxis");
        this.rules = List.copyOf(rules);
        for (int r = 1; r <= 5; r++) {
            for (int s = 1; s <= 5; s++) {
                if (find(r, s) == null) {
                    throw new IllegalArgumentException("no segment for R " + r + ", " + secondAxis + " " + s);
                }
            }
        }
    }

    /**
     * The R/F grid that circulates in most open-source RFM tutorials and notebooks, as the regex map
     * <pre>
     *   [1-2][1-2] hibernating   [1-2][3-4] at risk        [1-2]5 can't lose   3[1-2] about to sleep
     *   33 need attention        [3-4][4-5] loyal          41 promising        51 new customers
     *   [4-5][2-3] potential loyalists                     5[4-5] champions
     * </pre>
     * over "RF" score strings, with one change: that map has ten segments and no Lost. The eleven-segment
     * lists (Putler's RFM segments, for one) add Lost for the lowest scores, so here the (1, 1) cell is
     * Lost, ahead of Hibernating, which keeps the rest of R 1-2 × F 1-2. In grid form (R down, F across):
     * <pre>
     *        F=1            F=2                 F=3                 F=4              F=5
     *   R=5  New            Potential Loyalist  Potential Loyalist  Champions        Champions
     *   R=4  Promising      Potential Loyalist  Potential Loyalist  Loyal            Loyal
     *   R=3  About to Sleep About to Sleep      Need Attention      Loyal            Loyal
     *   R=2  Hibernating    Hibernating         At Risk             At Risk          Can't Lose Them
     *   R=1  Lost           Hibernating         At Risk             At Risk          Can't Lose Them
     * </pre>
     */
    public static RfmSegments standard() {
        return new RfmSegments(SecondAxis.FREQUENCY, List.of(
                new Rule(LOST, 1, 1, 1, 1),
                new Rule(HIBERNATING, 1, 2, 1, 2),
                new Rule(AT_RISK, 1, 2, 3, 4),
                new Rule(CANT_LOSE_THEM, 1, 2, 5, 5),
                new Rule(ABOUT_TO_SLEEP, 3, 3, 1, 2),
                new Rule(NEED_ATTENTION, 3, 3, 3, 3),
                new Rule(LOYAL, 3, 4, 4, 5),
                new Rule(PROMISING, 4, 4, 1, 1),
                new Rule(NEW, 5, 5, 1, 1),
                new Rule(POTENTIAL_LOYALIST, 4, 5, 2, 3),
                new Rule(CHAMPIONS, 5, 5, 4, 5)));
    }

    public SecondAxis secondAxis() {
        return secondAxis;
    }

    public List<Rule> rules() {
        return rules;
    }

    public String segmentOf(RfmScore score) {
        int second = secondAxis == SecondAxis.FREQUENCY ? score.frequency() : score.frequencyMonetary();
        return segmentOf(score.recency(), second);
    }

    /** The segment of an R score and a second-axis score (F or FM, per {@link #secondAxis()}). */
    public String segmentOf(int recency, int second) {
        RfmScore.requireScore("recency", recency);
        RfmScore.requireScore("second", second);
        return find(recency, second).segment();
    }

    private Rule find(int recency, int second) {
        for (Rule rule : rules) {
            if (rule.matches(recency, second)) {
                return rule;
            }
        }
        return null;
    }
}
