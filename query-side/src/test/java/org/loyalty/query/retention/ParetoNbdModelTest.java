package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ParetoNbdModelTest {

    /** Fader and Hardie's CDNOW estimates. */
    private static final ParetoNbdModel PUBLISHED = new ParetoNbdModel(0.553, 10.58, 0.606, 11.66);

    /** The likelihood exactly as printed: 2F1 summed directly, powers taken as powers (small x only). */
    private static double directLikelihood(ParetoNbdModel m, int x, double tx, double T) {
        double r = m.r();
        double alpha = m.alpha();
        double s = m.s();
        double beta = m.beta();
        double front = Math.exp(SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r))
                * Math.pow(alpha, r) * Math.pow(beta, s);
        double a1 = r + s + x;
        double f;
        if (alpha >= beta) {
            f = SpecialFunctions.hyp2f1(a1, s + 1, a1 + 1, (alpha - beta) / (alpha + tx)) / Math.pow(alpha + tx, a1)
                    - SpecialFunctions.hyp2f1(a1, s + 1, a1 + 1, (alpha - beta) / (alpha + T)) / Math.pow(alpha + T, a1);
        } else {
            f = SpecialFunctions.hyp2f1(a1, r + x, a1 + 1, (beta - alpha) / (beta + tx)) / Math.pow(beta + tx, a1)
                    - SpecialFunctions.hyp2f1(a1, r + x, a1 + 1, (beta - alpha) / (beta + T)) / Math.pow(beta + T, a1);
        }
        return front * (1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + s / a1 * f);
    }

    @Test
    void logLikelihoodMatchesTheDirectFormulaInBothBranches() {
        ParetoNbdModel alphaAbove = new ParetoNbdModel(0.6, 12.0, 0.8, 7.0);
        ParetoNbdModel alphaBelow = new ParetoNbdModel(0.6, 7.0, 0.8, 12.0);
        ParetoNbdModel equal = new ParetoNbdModel(0.6, 9.0, 0.8, 9.0);
        for (ParetoNbdModel m : new ParetoNbdModel[] {alphaAbove, alphaBelow, equal, PUBLISHED}) {
            for (int x : new int[] {0, 1, 3, 12}) {
                double tx = x == 0 ? 0 : 17.3;
                double direct = directLikelihood(m, x, tx, 38.0);
                assertThat(m.logLikelihood(x, tx, 38.0)).as("%s x=%d", m, x).isCloseTo(Math.log(direct), within(1e-11));
            }
            // t_x = T: only the "alive at T" term is left
            assertThat(m.logLikelihood(4, 30, 30)).isCloseTo(Math.log(directLikelihood(m, 4, 30, 30)), within(1e-11));
        }
    }

    @Test
    void bothBranchesMeetAtAlphaEqualsBeta() {
        double at = new ParetoNbdModel(0.5, 10, 0.7, 10).logLikelihood(5, 20, 39);
        double above = new ParetoNbdModel(0.5, 10 + 1e-9, 0.7, 10).logLikelihood(5, 20, 39);
        double below = new ParetoNbdModel(0.5, 10 - 1e-9, 0.7, 10).logLikelihood(5, 20, 39);
        assertThat(above).isCloseTo(at, within(1e-9));
        assertThat(below).isCloseTo(at, within(1e-9));
    }

    @Test
    void staysFiniteForVeryFrequentBuyers() {
        ParetoNbdModel alphaBelow = new ParetoNbdModel(0.553, 10.58, 0.606, 40.0);
        for (ParetoNbdModel m : new ParetoNbdModel[] {PUBLISHED, alphaBelow}) {
            assertThat(m.logLikelihood(10_000, 38.5, 39.0)).isFinite();
            assertThat(m.logLikelihood(10_000, 1.0, 39.0)).isFinite();
            assertThat(m.logLikelihood(1_000_000, 39.0, 39.0)).isFinite();
            assertThat(m.probabilityAlive(10_000, 1.0, 39.0)).isBetween(0.0, 1.0);
            // About 257 purchases a week: a silence of 0.001 weeks says nothing, one of 0.1 weeks a lot.
            assertThat(m.probabilityAlive(10_000, 38.999, 39.0)).isGreaterThan(0.99);
            assertThat(m.probabilityAlive(10_000, 38.9, 39.0)).isLessThan(0.01);
            assertThat(m.expectedPurchases(52, 10_000, 38.5, 39.0)).isFinite().isPositive();
        }
        assertThat(Math.pow(PUBLISHED.alpha() + 39.0, PUBLISHED.r() + 10_000)).isInfinite(); // the naive route
    }

    @Test
    void aliveProbabilityIsTheShareOfTheAliveTerm() {
        ParetoNbdModel m = PUBLISHED;
        double aliveTerm = Math.exp(SpecialFunctions.logGamma(m.r() + 2) - SpecialFunctions.logGamma(m.r()))
                * Math.pow(m.alpha(), m.r()) * Math.pow(m.beta(), m.s())
                / (Math.pow(m.alpha() + 39, m.r() + 2) * Math.pow(m.beta() + 39, m.s()));
        assertThat(m.probabilityAlive(2, 10, 39)).isCloseTo(aliveTerm / directLikelihood(m, 2, 10, 39), within(1e-12));
        // Unlike BG/NBD, a customer without repeat purchases may have dropped out already.
        assertThat(m.probabilityAlive(0, 0, 39)).isLessThan(1.0).isGreaterThan(0.0);
        assertThat(m.probabilityAlive(0, 0, 39)).isLessThan(m.probabilityAlive(0, 0, 5));
        // A recent last purchase means alive; a long silence after frequent buying means probably not.
        assertThat(m.probabilityAlive(10, 39, 39)).isEqualTo(1.0, within(1e-12));
        assertThat(m.probabilityAlive(10, 5, 39)).isLessThan(0.01);
    }

    @Test
    void expectationFactorsIntoAliveProbabilityTimesTheAliveExpectation() {
        ParetoNbdModel m = PUBLISHED;
        double ifAlive = (m.r() + 3) * (m.beta() + 39) / ((m.alpha() + 39) * (m.s() - 1))
                * (1 - Math.pow((m.beta() + 39) / (m.beta() + 39 + 52), m.s() - 1));
        assertThat(m.expectedPurchasesIfAlive(3, 39, 52)).isCloseTo(ifAlive, within(1e-12));
        assertThat(m.expectedPurchases(52, 3, 20, 39)).isCloseTo(m.probabilityAlive(3, 20, 39) * ifAlive, within(1e-12));
        assertThat(m.expectedPurchases(new PurchaseHistory(3, 20, 39), 52)).isEqualTo(m.expectedPurchases(52, 3, 20, 39));
        assertThat(m.expectedPurchases(0, 3, 20, 39)).isZero();
    }

    @Test
    void aliveExpectationIsContinuousAtSEqualsOne() {
        // s = 1: (r+x)(β+T)/(α+T) · ln(1 + t/(β+T)), the limit of the printed 0/0 form.
        ParetoNbdModel m = new ParetoNbdModel(0.5, 10, 1.0, 12);
        double limit = (0.5 + 4) * (12 + 30) / (10 + 30.0) * Math.log1p(26 / (12 + 30.0));
        assertThat(m.expectedPurchasesIfAlive(4, 30, 26)).isCloseTo(limit, within(1e-12));
        double near = new ParetoNbdModel(0.5, 10, 1.0 + 1e-7, 12).expectedPurchasesIfAlive(4, 30, 26);
        assertThat(near).isCloseTo(limit, within(1e-7));
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> new ParetoNbdModel(1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PUBLISHED.logLikelihood(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PUBLISHED.expectedPurchases(-1, 1, 2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PUBLISHED.kind()).isEqualTo(PurchaseModelKind.PARETO_NBD);
    }
}
