package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BgNbdModelTest {

    private static final BgNbdModel PUBLISHED = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

    @Test
    void theQuadratureRouteAgreesWithTheClosedFormWhereBothApply() {
        for (int x : new int[] {0, 1, 7, 40}) {
            for (double t : new double[] {1, 13, 52, 156}) {
                assertThat(PUBLISHED.expectedPurchasesIfAliveByQuadrature(x, 38.0, t))
                        .as("x %d, t %s", x, t)
                        .isCloseTo(PUBLISHED.expectedPurchasesIfAlive(x, 38.0, t), org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
        }
    }

    @Test
    void aFitWithAPlusBBelowOneStillForecastsMembersWithoutRepeatPurchases() {
        // c = a + b + x - 1 <= 0 for x = 0: the closed form's 2F1 is undefined there, the expectation is not.
        BgNbdModel model = new BgNbdModel(0.5, 3.0, 0.4, 0.3);
        double week = model.expectedPurchases(new PurchaseHistory(0, 0, 10), 1);
        double year = model.expectedPurchases(new PurchaseHistory(0, 0, 10), 52);
        assertThat(week).isPositive().isLessThan(year);
        assertThat(year).isFinite().isLessThan(0.5 / 13 * 52 * 10); // far below the no-dropout rate times the horizon
        // Continuous where the closed form takes over: c just above 0 by a hair.
        BgNbdModel justAbove = new BgNbdModel(0.5, 3.0, 0.4, 0.6000001);
        assertThat(justAbove.expectedPurchasesIfAliveByQuadrature(0, 10, 52))
                .isCloseTo(justAbove.expectedPurchasesIfAlive(0, 10, 52), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }

    @Test
    void aFitWhereEveryMemberDropsOutAlikeForecastsWithTheKnownDropoutProbability() {
        // a and b run off together in such fits (seen on a small real population): p is then Beta(a, b) ~ a / (a + b).
        BgNbdModel pointMass = new BgNbdModel(2.25, 7.49, 2_461_492, 18_983_963);
        BgNbdModel broad = new BgNbdModel(2.25, 7.49, 800, 6_170); // the same mean p, a + b below the point-mass threshold
        for (int x : new int[] {0, 3, 12}) {
            double forecast = pointMass.expectedPurchases(new PurchaseHistory(x, 20, 30), 13);
            assertThat(forecast).isFinite().isPositive()
                    .isCloseTo(broad.expectedPurchases(new PurchaseHistory(x, 20, 30), 13), org.assertj.core.data.Percentage.withPercentage(0.5));
        }
    }

    @Test
    void logLikelihoodStaysFiniteForVeryFrequentBuyers() {
        double ll = PUBLISHED.logLikelihood(10_000, 38.5, 39.0);
        // A density in t_x, so it may be positive; what matters is that nothing overflows to NaN/∞.
        assertThat(ll).isFinite();
        assertThat(Math.pow(PUBLISHED.alpha() + 39.0, PUBLISHED.r() + 10_000)).isInfinite(); // the naive route
        assertThat(PUBLISHED.logLikelihood(10_000, 1.0, 39.0)).isFinite();
        assertThat(PUBLISHED.logLikelihood(1_000_000, 39.0, 39.0)).isFinite();
        assertThat(PUBLISHED.probabilityAlive(10_000, 1.0, 39.0)).isBetween(0.0, 1.0);
        assertThat(PUBLISHED.expectedPurchases(52, 10_000, 38.5, 39.0)).isFinite().isPositive();
    }

    @Test
    void logLikelihoodMatchesTheDirectFormulaForSmallX() {
        BgNbdModel m = new BgNbdModel(0.5, 3.0, 1.2, 2.5);
        int x = 3;
        double tx = 10;
        double T = 20;
        double beta = Math.exp(SpecialFunctions.logBeta(m.a(), m.b()));
        double gammaRatio = Math.exp(SpecialFunctions.logGamma(m.r() + x) - SpecialFunctions.logGamma(m.r()));
        double direct = Math.exp(SpecialFunctions.logBeta(m.a(), m.b() + x)) / beta * gammaRatio
                * Math.pow(m.alpha(), m.r()) / Math.pow(m.alpha() + T, m.r() + x)
                + Math.exp(SpecialFunctions.logBeta(m.a() + 1, m.b() + x - 1)) / beta * gammaRatio
                * Math.pow(m.alpha(), m.r()) / Math.pow(m.alpha() + tx, m.r() + x);
        assertThat(m.logLikelihood(x, tx, T)).isCloseTo(Math.log(direct), within(1e-12));
        // x = 0: L = B(a, b)/B(a, b) (α/(α+T))^r
        assertThat(m.logLikelihood(0, 0, T)).isCloseTo(m.r() * Math.log(m.alpha() / (m.alpha() + T)), within(1e-12));
    }

    @Test
    void expectationMatchesTheUntransformedFormulaAndTheBtydReference() {
        // BTYD walkthrough / lifetimes: x 2, t_x 30.43, T 38.86, next 39 weeks -> 1.226
        double expected = PUBLISHED.expectedPurchases(39, 2, 30.43, 38.86);
        assertThat(expected).isCloseTo(1.226, within(0.0005));

        // Same value from the formula as printed (2F1 summed directly, no Euler transform).
        BgNbdModel m = PUBLISHED;
        int x = 2;
        double t = 39;
        double T = 38.86;
        double z = t / (m.alpha() + T + t);
        double f = SpecialFunctions.hyp2f1(m.r() + x, m.b() + x, m.a() + m.b() + x - 1, z);
        double direct = (m.a() + m.b() + x - 1) / (m.a() - 1)
                * (1 - Math.pow((m.alpha() + T) / (m.alpha() + T + t), m.r() + x) * f)
                / (1 + m.a() / (m.b() + x - 1) * Math.pow((m.alpha() + T) / (m.alpha() + 30.43), m.r() + x));
        assertThat(expected).isCloseTo(direct, within(1e-10));
    }

    @Test
    void expectationIsContinuousThroughAEqualsOne() {
        double at = new BgNbdModel(0.3, 4, 1.0, 2.5).expectedPurchases(20, 3, 15, 30);
        double below = new BgNbdModel(0.3, 4, 0.999, 2.5).expectedPurchases(20, 3, 15, 30);
        double above = new BgNbdModel(0.3, 4, 1.001, 2.5).expectedPurchases(20, 3, 15, 30);
        assertThat(at).isFinite().isBetween(Math.min(below, above), Math.max(below, above));
    }

    @Test
    void aliveProbabilityIsOneWithoutRepeatPurchases() {
        assertThat(PUBLISHED.probabilityAlive(0, 0, 38)).isEqualTo(1.0);
        assertThat(PUBLISHED.expectedPurchases(0, 5, 10, 20)).isZero();
    }

    @Test
    void expectationFactorsIntoAliveProbabilityTimesTheAliveExpectation() {
        PurchaseHistory h = new PurchaseHistory(2, 30.43, 38.86);
        assertThat(PUBLISHED.expectedPurchases(h, 39))
                .isCloseTo(PUBLISHED.pAlive(h) * PUBLISHED.expectedPurchasesIfAlive(2, 38.86, 39), within(1e-12));
        // the interface's default composition gives the same as the model's own formula
        PurchaseModel viaInterface = PUBLISHED;
        assertThat(viaInterface.expectedPurchases(h, 39)).isCloseTo(1.226, within(0.0005));
        assertThat(PUBLISHED.kind()).isEqualTo(PurchaseModelKind.BG_NBD);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> new BgNbdModel(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PUBLISHED.logLikelihood(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PUBLISHED.logLikelihood(-1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
