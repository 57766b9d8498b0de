package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0.0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(2)).isCloseTo(0.0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880.0), within(1e-13));
        assertThat(SpecialFunctions.logGamma(1e-8)).isCloseTo(18.420680738180209, within(1e-12));
        // ln Γ(n) = ln (n-1)! summed exactly in logs
        double lnFactorial = 0;
        for (int k = 2; k < 1000; k++) {
            lnFactorial += Math.log(k);
        }
        assertThat(SpecialFunctions.logGamma(1000)).isCloseTo(lnFactorial, within(1e-10));
        assertThat(SpecialFunctions.logGamma(100)).isCloseTo(359.13420536957539878, within(1e-11));
        assertThat(SpecialFunctions.logGamma(0)).isNaN();
    }

    @Test
    void hypergeometricMatchesClosedForms() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        double z = 0.9;
        assertThat(SpecialFunctions.hyp2f1(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z, within(1e-12));
        // 2F1(a, b; b; z) = (1 - z)^-a
        assertThat(SpecialFunctions.hyp2f1(2.5, 3, 3, 0.3)).isCloseTo(Math.pow(0.7, -2.5), within(1e-12));
        // terminating series: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
        assertThat(SpecialFunctions.hyp2f1(-2, 1.5, 2.5, 0.4))
                .isCloseTo(1 - 2 * 1.5 * 0.4 / 2.5 + 1.5 * 2.5 * 0.16 / (2.5 * 3.5), within(1e-14));
    }

    @Test
    void unitAHypergeometricAgreesWithTheGeneralSeries() {
        assertThat(SpecialFunctions.hyp2f1UnitA(1, 2, 0.9)).isCloseTo(-Math.log1p(-0.9) / 0.9, within(1e-12));
        assertThat(SpecialFunctions.hyp2f1UnitA(3.7, 5.2, 0.63))
                .isCloseTo(SpecialFunctions.hyp2f1(1, 3.7, 5.2, 0.63), within(1e-13));
        assertThat(SpecialFunctions.hyp2f1UnitA(1000.5, 1002.1, 0.999))
                .isCloseTo(SpecialFunctions.hyp2f1(1, 1000.5, 1002.1, 0.999), within(1e-9));
        assertThat(SpecialFunctions.hyp2f1UnitA(2, 3, 0)).isEqualTo(1.0);
        assertThatThrownBy(() -> SpecialFunctions.hyp2f1UnitA(3, 2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logDiffExpIsStable() {
        assertThat(SpecialFunctions.logDiffExp(Math.log(5), Math.log(3))).isCloseTo(Math.log(2), within(1e-15));
        assertThat(SpecialFunctions.logDiffExp(-1e5, -1e5 - Math.log(2))).isCloseTo(-1e5 - Math.log(2), within(1e-9));
        assertThat(SpecialFunctions.logDiffExp(3, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(SpecialFunctions.logDiffExp(3, Double.NEGATIVE_INFINITY)).isEqualTo(3);
    }

    @Test
    void logSumExpIsStable() {
        assertThat(SpecialFunctions.logSumExp(-1e5, -1e5)).isCloseTo(-1e5 + Math.log(2), within(1e-9));
        assertThat(SpecialFunctions.logSumExp(1000, 0)).isCloseTo(1000, within(1e-12));
        assertThat(SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, 3)).isEqualTo(3);
    }
}
