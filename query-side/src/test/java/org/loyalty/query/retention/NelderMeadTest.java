package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void findsTheRosenbrockMinimum() {
        NelderMead.Result result = NelderMead.defaults().minimize(
                v -> 100 * Math.pow(v[1] - v[0] * v[0], 2) + Math.pow(1 - v[0], 2), new double[] {-1.2, 1});
        assertThat(result.point()[0]).isCloseTo(1.0, within(1e-5));
        assertThat(result.point()[1]).isCloseTo(1.0, within(1e-5));
        assertThat(result.converged()).isTrue();
    }

    @Test
    void treatsNonFiniteValuesAsInfinity() {
        NelderMead.Result result = NelderMead.defaults().minimize(
                v -> v[0] <= 0 ? Double.NaN : v[0] - Math.log(v[0]), new double[] {3});
        assertThat(result.point()[0]).isCloseTo(1.0, within(1e-5));
    }
}
