package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChurnRiskTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final ChurnRisk risk = new ChurnRisk();

    private static ChurnRisk.NpsAnswer nps(int score, int daysAgo) {
        return new ChurnRisk.NpsAnswer(score, NOW.minus(Duration.ofDays(daysAgo)));
    }

    @Test
    void withoutServiceSignalsTheScoreIsOneMinusPAlive() {
        ChurnRisk.Assessment a = risk.assess(new ChurnRisk.Signals(0.31, 0, 0, List.of()), NOW);
        assertThat(a.score()).isEqualTo(69);
        assertThat(a.reasons()).containsExactly("P(alive) 0.31");
        ChurnRisk.Assessment alive = risk.assess(new ChurnRisk.Signals(1.0, 0, 0, List.of()), NOW);
        assertThat(alive.score()).isZero();
        assertThat(alive.reasons()).isEmpty();
        assertThat(risk.assess(new ChurnRisk.Signals(0.0, 3, 2, List.of(nps(0, 1))), NOW).score()).isEqualTo(100);
    }

    @Test
    void combinesTheSignalsAsANoisyOr() {
        // 1 - (1 - 0.69)(0.85^2)(0.9)(0.8) = 1 - 0.31 · 0.7225 · 0.72 = 1 - 0.161262 = 0.838738 -> 84
        ChurnRisk.Assessment a = risk.assess(new ChurnRisk.Signals(0.31, 2, 1, List.of(nps(4, 10))), NOW);
        assertThat(a.score()).isEqualTo(84);
        assertThat(a.reasons()).containsExactly("P(alive) 0.31", "2 open complaints", "1 unresolved support ticket",
                "detractor NPS 4 in the last 90 days");
    }

    @Test
    void theDocumentedDefaultFigures() {
        assertThat(risk.assess(new ChurnRisk.Signals(1, 1, 0, List.of()), NOW).score()).isEqualTo(15);
        assertThat(risk.assess(new ChurnRisk.Signals(1, 2, 0, List.of()), NOW).score()).isEqualTo(28); // 1 - 0.85^2
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(6, 0))), NOW).score()).isEqualTo(20);
        // 1 - 0.85 · 0.9 · 0.8 = 0.388
        assertThat(risk.assess(new ChurnRisk.Signals(1, 1, 1, List.of(nps(6, 0))), NOW).score()).isEqualTo(39);
    }

    @Test
    void onlyTheLatestNpsAnswerInsideTheWindowCounts() {
        // an old detractor answer is outside the 90 days
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(2, 91))), NOW).score()).isZero();
        // a later promoter answer supersedes a detractor one
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(2, 30), nps(9, 5))), NOW).score()).isZero();
        // ... and the other way round
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(9, 30), nps(5, 5))), NOW).reasons())
                .containsExactly("detractor NPS 5 in the last 90 days");
        // passives (7-8) are not detractors; answers after the assessment date are ignored
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(7, 1))), NOW).score()).isZero();
        assertThat(risk.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(3, -2))), NOW).score()).isZero();
    }

    @Test
    void weightsAreConfigurable() {
        ChurnRisk serviceOnly = new ChurnRisk(new ChurnRisk.Weights(0, 0.5, 0, 0, 30));
        ChurnRisk.Assessment a = serviceOnly.assess(new ChurnRisk.Signals(0.1, 1, 4, List.of(nps(0, 10))), NOW);
        assertThat(a.score()).isEqualTo(50);
        assertThat(a.reasons()).containsExactly("1 open complaint");
        ChurnRisk shortWindow = new ChurnRisk(new ChurnRisk.Weights(1, 0.15, 0.1, 0.2, 7));
        assertThat(shortWindow.assess(new ChurnRisk.Signals(1, 0, 0, List.of(nps(0, 10))), NOW).score()).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ChurnRisk.Weights(1.2, 0, 0, 0, 90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChurnRisk.Weights(1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChurnRisk.Signals(1.5, 0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChurnRisk.Signals(0.5, -1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nps(11, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
