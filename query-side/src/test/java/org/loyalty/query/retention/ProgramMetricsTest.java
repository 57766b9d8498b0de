package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private static ProgramMetrics.SupportCase resolvedAfter(Duration d, int contacts) {
        return new ProgramMetrics.SupportCase(T0, T0.plus(d), contacts);
    }

    private static ProgramMetrics.SupportCase open(int contacts) {
        return new ProgramMetrics.SupportCase(T0, null, contacts);
    }

    @Test
    void retentionAndChurn() {
        // 1,000 at the start, 1,050 at the end of whom 200 are new: 850 retained -> 85%, churn 15%
        assertThat(ProgramMetrics.customerRetentionRate(1000, 1050, 200).getAsDouble()).isCloseTo(85.0, within(1e-12));
        assertThat(ProgramMetrics.churnRate(1000, 1050, 200).getAsDouble()).isCloseTo(15.0, within(1e-12));
        assertThat(ProgramMetrics.customerRetentionRate(3, 2, 0).getAsDouble()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(ProgramMetrics.customerRetentionRate(0, 40, 40)).isEmpty();
        assertThat(ProgramMetrics.churnRate(0, 0, 0)).isEmpty();
        assertThatThrownBy(() -> ProgramMetrics.customerRetentionRate(100, 50, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgramMetrics.customerRetentionRate(100, 250, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void netPromoterScore() {
        // promoters 9, 10, 10 (3); passives 7, 8 (2); detractors 0, 3, 6, 6, 5 (5): (3 - 5) / 10 = -20
        List<Integer> answers = List.of(9, 10, 10, 7, 8, 0, 3, 6, 6, 5);
        assertThat(ProgramMetrics.netPromoterScore(answers).getAsDouble()).isCloseTo(-20.0, within(1e-12));
        assertThat(ProgramMetrics.netPromoterScore(List.of(10, 9, 8)).getAsDouble()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(ProgramMetrics.netPromoterScore(List.of())).isEmpty();
        assertThatThrownBy(() -> ProgramMetrics.netPromoterScore(List.of(11))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void satisfactionAndEffort() {
        // 4, 5, 5 of 1, 2, 3, 4, 5, 5, 3, 2 -> 3 / 8 = 37.5%
        assertThat(ProgramMetrics.customerSatisfaction(List.of(1, 2, 3, 4, 5, 5, 3, 2)).getAsDouble())
                .isCloseTo(37.5, within(1e-12));
        assertThat(ProgramMetrics.customerSatisfaction(List.of())).isEmpty();
        assertThatThrownBy(() -> ProgramMetrics.customerSatisfaction(List.of(0))).isInstanceOf(IllegalArgumentException.class);
        // (2 + 3 + 7 + 1) / 4 = 3.25
        assertThat(ProgramMetrics.customerEffortScore(List.of(2, 3, 7, 1)).getAsDouble()).isCloseTo(3.25, within(1e-12));
        assertThat(ProgramMetrics.customerEffortScore(List.of())).isEmpty();
        assertThatThrownBy(() -> ProgramMetrics.customerEffortScore(List.of(8))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstContactResolutionAndTimeToResolution() {
        List<ProgramMetrics.SupportCase> cases = List.of(
                resolvedAfter(Duration.ofHours(1), 1),
                resolvedAfter(Duration.ofHours(3), 1),
                resolvedAfter(Duration.ofHours(30), 3),
                resolvedAfter(Duration.ofMinutes(30), 2),
                open(1));
        // resolved at the first contact: 2 of 5 cases (the open one counts against) -> 40%
        assertThat(ProgramMetrics.firstContactResolutionRate(cases).getAsDouble()).isCloseTo(40.0, within(1e-12));
        // resolved: 0.5 h, 1 h, 3 h, 30 h -> mean 34.5 h / 4 = 8 h 37.5 min; median (1 h + 3 h) / 2 = 2 h
        assertThat(ProgramMetrics.meanTimeToResolution(cases)).contains(Duration.ofMinutes(8 * 60 + 37).plusSeconds(30));
        assertThat(ProgramMetrics.medianTimeToResolution(cases)).contains(Duration.ofHours(2));
        assertThat(ProgramMetrics.medianTimeToResolution(cases.subList(0, 3))).contains(Duration.ofHours(3));
    }

    @Test
    void noCasesOrNoResolvedCasesGiveNoFigure() {
        assertThat(ProgramMetrics.firstContactResolutionRate(List.of())).isEmpty();
        assertThat(ProgramMetrics.meanTimeToResolution(List.of())).isEmpty();
        assertThat(ProgramMetrics.medianTimeToResolution(List.of(open(2)))).isEmpty();
        assertThat(ProgramMetrics.firstContactResolutionRate(List.of(open(1))).getAsDouble()).isZero();
        assertThatThrownBy(() -> new ProgramMetrics.SupportCase(T0, T0.minusSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramMetrics.SupportCase(T0, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
