package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RfmScorerTest {

    private static int[] scores(Integer... values) {
        return RfmScorer.quintileScores(List.of(values), Function.identity(), Comparator.naturalOrder());
    }

    @Test
    void distinctValuesFallIntoExactQuintiles() {
        assertThat(scores(50, 10, 40, 20, 30)).containsExactly(5, 1, 4, 2, 3);
        assertThat(scores(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    @Test
    void tiesShareAScoreAndTheBottomGroupScoresOne() {
        // six one-time buyers (L = 0 -> 1), then 2 (L 6 -> 1 + 3), 3 (L 7 -> 4), 4 (L 8 -> 5), 5 (L 9 -> 5)
        assertThat(scores(1, 1, 1, 1, 1, 1, 2, 3, 4, 5)).containsExactly(1, 1, 1, 1, 1, 1, 4, 4, 5, 5);
        // a tie at the top: both 9s beat 3 of 5 -> 1 + 3
        assertThat(scores(1, 2, 3, 9, 9)).containsExactly(1, 2, 3, 4, 4);
    }

    @Test
    void allEqualValuesScoreOne() {
        assertThat(scores(7, 7, 7, 7, 7, 7, 7)).containsOnly(1);
    }

    @Test
    void fewerThanFiveMembers() {
        assertThat(scores()).isEmpty();
        assertThat(scores(42)).containsExactly(1);
        assertThat(scores(5, 3)).containsExactly(3, 1);
        assertThat(scores(3, 1, 2)).containsExactly(4, 1, 2);
        assertThat(scores(4, 1, 3, 2)).containsExactly(4, 1, 3, 2);
    }

    @Test
    void scoresRecencyFrequencyAndMonetaryTheRightWayRound() {
        List<RfmValues> population = List.of(
                new RfmValues(0, 12, new BigDecimal("300.00")),
                new RfmValues(10, 9, new BigDecimal("250.0")),
                new RfmValues(20, 5, new BigDecimal("120.00")),
                new RfmValues(30, 2, new BigDecimal("60.00")),
                new RfmValues(40, 1, new BigDecimal("15.00")));
        assertThat(RfmScorer.score(population)).containsExactly(
                new RfmScore(5, 5, 5), new RfmScore(4, 4, 4), new RfmScore(3, 3, 3), new RfmScore(2, 2, 2),
                new RfmScore(1, 1, 1));
    }

    @Test
    void equalAmountsWithDifferentScalesAreTies() {
        List<RfmValues> population = List.of(
                new RfmValues(1, 1, new BigDecimal("10.0")), new RfmValues(1, 1, new BigDecimal("10.00")),
                new RfmValues(1, 1, new BigDecimal("20")));
        List<RfmScore> scores = RfmScorer.score(population);
        assertThat(scores.get(0).monetary()).isEqualTo(scores.get(1).monetary()).isEqualTo(1);
        assertThat(scores.get(2).monetary()).isEqualTo(4);
    }

    @Test
    void theScoreOfAMemberDoesNotDependOnTheInputOrder() {
        Random random = new Random(11);
        List<RfmValues> population = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            population.add(new RfmValues(random.nextInt(60), random.nextInt(8), BigDecimal.valueOf(random.nextInt(40), 1)));
        }
        List<RfmScore> original = RfmScorer.score(population);
        List<Integer> permutation = new ArrayList<>();
        for (int i = 0; i < population.size(); i++) {
            permutation.add(i);
        }
        Collections.shuffle(permutation, random);
        List<RfmValues> shuffled = permutation.stream().map(population::get).toList();
        List<RfmScore> reordered = RfmScorer.score(shuffled);
        for (int k = 0; k < permutation.size(); k++) {
            assertThat(reordered.get(k)).isEqualTo(original.get(permutation.get(k)));
        }
        // and every score 1-5 is used on a varied population
        assertThat(original.stream().map(RfmScore::recency).distinct()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }
}
