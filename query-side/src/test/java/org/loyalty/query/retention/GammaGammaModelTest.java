package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GammaGammaModelTest {

    private final GammaGammaModel model = new GammaGammaModel(6.25, 3.74, 15.44);

    @Test
    void expectedSpendFollowsFaderHardie() {
        assertThat(model.expectedAverageSpend(2, 22.35))
                .isCloseTo(6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1), within(1e-12));
        assertThat(model.expectedAverageSpend(0, 0)).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    }

    @Test
    void logLikelihoodIsADensityInTheMeanSpend() {
        // Integrate the density of m_x over (0, ∞) for x = 3 with the substitution m = u / (1 - u).
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / n;
            double m = u / (1 - u);
            sum += Math.exp(model.logLikelihood(3, m)) / ((1 - u) * (1 - u)) / n;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        assertThat(model.logLikelihood(10_000, 35.0)).isFinite();
    }

    @Test
    void rejectsNonRepeatBuyersInTheLikelihood() {
        assertThatThrownBy(() -> model.logLikelihood(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
