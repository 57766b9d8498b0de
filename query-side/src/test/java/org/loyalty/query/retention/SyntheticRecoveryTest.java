package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitters recover the parameters of populations simulated from known ones (fixed seeds). The
 * tolerances reflect how well each parameter is identified at this size: the purchase-rate parameters
 * (r, α) much better than the drop-out ones (a, b; s, β).
 */
class SyntheticRecoveryTest {

    private static final BgNbdModel BG_NBD = new BgNbdModel(0.25, 4.0, 0.8, 2.5);

    @Test
    void bgNbdFitterRecoversTheSimulatedParameters() {
        List<PurchaseHistory> customers = SyntheticPopulation.bgNbd(BG_NBD, 30_000, 26, 52, 0, 1);
        BgNbdFitter.Fit fit = new BgNbdFitter().fit(customers);
        BgNbdModel m = fit.model();
        System.out.println("BG/NBD recovered from 30,000 simulated customers: " + m);
        assertThat(m.r()).isCloseTo(0.25, within(0.05 * 0.25));
        assertThat(m.alpha()).isCloseTo(4.0, within(0.05 * 4.0));
        assertThat(m.a()).isCloseTo(0.8, within(0.15 * 0.8));
        assertThat(m.b()).isCloseTo(2.5, within(0.15 * 2.5));
        assertThat(fit.converged()).isTrue();
        // The truth fits worse than the maximum, but not by much (about half the number of parameters).
        double atTruth = customers.stream().mapToDouble(BG_NBD::logLikelihood).sum();
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(atTruth).isLessThan(atTruth + 10);
    }

    @Test
    void paretoNbdFitterRecoversTheSimulatedParameters() {
        ParetoNbdModel truth = new ParetoNbdModel(0.55, 10.5, 0.6, 11.5);
        List<PurchaseHistory> customers = SyntheticPopulation.paretoNbd(truth, 20_000, 26, 52, 1.0 / 7, 1);
        ParetoNbdModel m = new ParetoNbdFitter().fit(customers).model();
        System.out.println("Pareto/NBD recovered from 20,000 simulated customers: " + m);
        assertThat(m.r()).isCloseTo(0.55, within(0.10 * 0.55));
        assertThat(m.alpha()).isCloseTo(10.5, within(0.10 * 10.5));
        assertThat(m.s()).isCloseTo(0.6, within(0.25 * 0.6));
        assertThat(m.beta()).isCloseTo(11.5, within(0.25 * 11.5));
    }

    @Test
    void gammaGammaFitterRecoversTheSimulatedParameters() {
        List<PurchaseHistory> purchases = SyntheticPopulation.bgNbd(BG_NBD, 30_000, 26, 52, 0, 2);
        List<SpendHistory> spend = SyntheticPopulation.gammaGammaSpend(new GammaGammaModel(6, 4, 15), purchases, 3);
        GammaGammaModel m = new GammaGammaFitter().fit(spend).model();
        System.out.println("Gamma-Gamma recovered: " + m);
        assertThat(m.p()).isCloseTo(6, within(0.10 * 6));
        assertThat(m.q()).isCloseTo(4, within(0.10 * 4));
        assertThat(m.gamma()).isCloseTo(15, within(0.10 * 15));
    }

    @Test
    void parallelAndSequentialFitsAreIdentical() {
        // More distinct histories than one chunk, so that the parallel path really splits the work.
        List<PurchaseHistory> customers = SyntheticPopulation.bgNbd(BG_NBD, 10_000, 26, 52, 1.0 / 7, 4);
        NelderMead nm = NelderMead.defaults();
        BgNbdFitter.Fit parallel = new BgNbdFitter(nm, new BgNbdModel(1, 1, 1, 1), true).fit(customers);
        BgNbdFitter.Fit sequential = new BgNbdFitter(nm, new BgNbdModel(1, 1, 1, 1), false).fit(customers);
        assertThat(parallel.distinctHistories()).isGreaterThan(ChunkedLoops.CHUNK);
        assertThat(parallel).isEqualTo(sequential);
        ParetoNbdFitter.Fit p1 = new ParetoNbdFitter(nm, null, true).fit(customers);
        ParetoNbdFitter.Fit p2 = new ParetoNbdFitter(nm, null, false).fit(customers);
        assertThat(p1).isEqualTo(p2);
    }

    @Test
    void simulationIsDeterministicAndRespectsTheWindow() {
        List<PurchaseHistory> a = SyntheticPopulation.bgNbd(BG_NBD, 2_000, 26, 52, 1.0 / 7, 9);
        List<PurchaseHistory> b = SyntheticPopulation.bgNbd(BG_NBD, 2_000, 26, 52, 1.0 / 7, 9);
        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(h -> {
            assertThat(h.age()).isBetween(25.0, 52.0);
            assertThat(Math.abs(h.age() * 7 - Math.rint(h.age() * 7))).isLessThan(1e-9); // whole days
        });
        assertThat(SyntheticPopulation.bgNbd(BG_NBD, 2_000, 26, 52, 1.0 / 7, 10)).isNotEqualTo(a);
    }
}
