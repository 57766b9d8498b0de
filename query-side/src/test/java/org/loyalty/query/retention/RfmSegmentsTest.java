package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RfmSegmentsTest {

    private final RfmSegments standard = RfmSegments.standard();

    /** The documented grid, R from 5 down to 1, F from 1 to 5. */
    private static final String[][] GRID = {
        {"New", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"},
        {"Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"},
        {"About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"},
        {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
        {"Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
    };

    @Test
    void everyCellOfTheStandardGrid() {
        for (int row = 0; row < 5; row++) {
            int r = 5 - row;
            for (int f = 1; f <= 5; f++) {
                assertThat(standard.segmentOf(r, f)).as("R %d F %d", r, f).isEqualTo(GRID[row][f - 1]);
            }
        }
    }

    @Test
    void everyStandardSegmentIsReachable() {
        Set<String> seen = new HashSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                seen.add(standard.segmentOf(new RfmScore(r, f, 3)));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(RfmSegments.CHAMPIONS, RfmSegments.LOYAL,
                RfmSegments.POTENTIAL_LOYALIST, RfmSegments.NEW, RfmSegments.PROMISING, RfmSegments.NEED_ATTENTION,
                RfmSegments.ABOUT_TO_SLEEP, RfmSegments.AT_RISK, RfmSegments.CANT_LOSE_THEM, RfmSegments.HIBERNATING,
                RfmSegments.LOST);
    }

    @Test
    void oneExamplePerSegment() {
        assertThat(standard.segmentOf(new RfmScore(5, 5, 5))).isEqualTo("Champions");
        assertThat(standard.segmentOf(new RfmScore(3, 4, 2))).isEqualTo("Loyal");
        assertThat(standard.segmentOf(new RfmScore(4, 2, 4))).isEqualTo("Potential Loyalist");
        assertThat(standard.segmentOf(new RfmScore(5, 1, 1))).isEqualTo("New");
        assertThat(standard.segmentOf(new RfmScore(4, 1, 3))).isEqualTo("Promising");
        assertThat(standard.segmentOf(new RfmScore(3, 3, 3))).isEqualTo("Need Attention");
        assertThat(standard.segmentOf(new RfmScore(3, 2, 1))).isEqualTo("About to Sleep");
        assertThat(standard.segmentOf(new RfmScore(2, 4, 4))).isEqualTo("At Risk");
        assertThat(standard.segmentOf(new RfmScore(1, 5, 5))).isEqualTo("Can't Lose Them");
        assertThat(standard.segmentOf(new RfmScore(2, 2, 2))).isEqualTo("Hibernating");
        assertThat(standard.segmentOf(new RfmScore(1, 1, 1))).isEqualTo("Lost");
        // the standard map looks at F only
        assertThat(standard.segmentOf(new RfmScore(5, 1, 5))).isEqualTo("New");
    }

    @Test
    void rulesAreDataTriedInPriorityOrderAndMayUseTheCombinedFmScore() {
        // A configured (R, FM) map with an overlapping catch-all at the end.
        RfmSegments byFm = new RfmSegments(RfmSegments.SecondAxis.FREQUENCY_MONETARY, List.of(
                new RfmSegments.Rule("VIP", 4, 5, 4, 5),
                new RfmSegments.Rule("Sleeping", 1, 2, 1, 5),
                new RfmSegments.Rule("Everyone else", 1, 5, 1, 5)));
        assertThat(new RfmScore(5, 3, 5).frequencyMonetary()).isEqualTo(4);
        assertThat(new RfmScore(5, 3, 4).frequencyMonetary()).isEqualTo(4); // 3.5 rounds up
        assertThat(new RfmScore(5, 3, 3).frequencyMonetary()).isEqualTo(3);
        assertThat(byFm.segmentOf(new RfmScore(5, 3, 5))).isEqualTo("VIP");
        assertThat(byFm.segmentOf(new RfmScore(5, 3, 3))).isEqualTo("Everyone else");
        assertThat(byFm.segmentOf(new RfmScore(2, 5, 5))).isEqualTo("Sleeping");
        assertThat(byFm.rules()).hasSize(3);
        assertThat(byFm.secondAxis()).isEqualTo(RfmSegments.SecondAxis.FREQUENCY_MONETARY);
    }

    @Test
    void aMapThatLeavesACellUncoveredIsRejected() {
        assertThatThrownBy(() -> new RfmSegments(RfmSegments.SecondAxis.FREQUENCY, List.of(
                new RfmSegments.Rule("Top", 3, 5, 1, 5), new RfmSegments.Rule("Bottom", 1, 2, 1, 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R 1").hasMessageContaining("5");
        assertThatThrownBy(() -> new RfmSegments.Rule("Bad", 4, 3, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RfmSegments.Rule("Bad", 0, 3, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RfmSegments.Rule(" ", 1, 3, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.segmentOf(6, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoresAndSegmentsTogether() {
        // One-time buyers: all F 1. The most recent of them is New, the oldest Lost.
        List<RfmValues> population = List.of(
                new RfmValues(2, 1, new BigDecimal("20")),
                new RfmValues(200, 1, new BigDecimal("20")),
                new RfmValues(5, 8, new BigDecimal("400")),
                new RfmValues(90, 6, new BigDecimal("300")),
                new RfmValues(40, 2, new BigDecimal("50")));
        // R: 200 days beats nobody -> 1, 90 -> 2, 40 -> 3, 5 -> 4, 2 -> 5; F: 1, 1 -> 1, 2 -> 3, 6 -> 4, 8 -> 5
        List<RfmScore> scores = RfmScorer.score(population);
        assertThat(scores).extracting(RfmScore::recency).containsExactly(5, 1, 4, 2, 3);
        assertThat(scores).extracting(RfmScore::frequency).containsExactly(1, 1, 5, 4, 3);
        assertThat(scores.stream().map(standard::segmentOf))
                .containsExactly("New", "Lost", "Loyal", "At Risk", "Need Attention");
    }
}
