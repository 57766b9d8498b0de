package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reproduces the published CDNOW figures (Fader, Hardie and Lee 2005; BTYD; lifetimes). */
class CdnowFitTest {

    private static BgNbdFitter.Fit bgNbd;
    private static long bgNbdMillis;

    @BeforeAll
    static void fitBgNbd() {
        List<PurchaseHistory> customers = CdnowData.summary();
        long start = System.nanoTime();
        bgNbd = new BgNbdFitter().fit(customers);
        bgNbdMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("BG/NBD fit on %d customers (%d distinct): %s, LL %.4f, %d evaluations, %d ms%n",
                bgNbd.customers(), bgNbd.distinctHistories(), bgNbd.model(), bgNbd.logLikelihood(),
                bgNbd.evaluations(), bgNbdMillis);
    }

    private static Offset<Double> threeSignificant(double value) {
        return within(0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 2));
    }

    @Test
    void bgNbdReproducesThePublishedEstimates() {
        BgNbdModel m = bgNbd.model();
        assertThat(bgNbd.customers()).isEqualTo(2357);
        assertThat(m.r()).isCloseTo(0.2426, threeSignificant(0.2426));
        assertThat(m.alpha()).isCloseTo(4.414, threeSignificant(4.414));
        assertThat(m.a()).isCloseTo(0.793, threeSignificant(0.793));
        assertThat(m.b()).isCloseTo(2.426, threeSignificant(2.426));
        assertThat(bgNbd.logLikelihood()).isCloseTo(-9582.4, within(0.1));
        assertThat(bgNbd.converged()).isTrue();
    }

    @Test
    void customer1516UnderTheFittedModel() {
        BgNbdModel m = bgNbd.model();
        double alive = m.probabilityAlive(26, 30.86, 31.00);
        double next52 = m.expectedPurchases(52, 26, 30.86, 31.00);
        System.out.printf("customer 1516: P(alive) %.5f, E[Y(52)] %.4f%n", alive, next52);
        assertThat(alive).isCloseTo(0.9689, within(0.0005));
        assertThat(next52).isCloseTo(25.76, within(0.02));
    }

    @Test
    void paretoNbdReproducesThePublishedEstimates() {
        PurchaseModelFit fit = PurchaseModels.fit(PurchaseModelKind.PARETO_NBD, CdnowData.summary());
        System.out.printf("Pareto/NBD fit on %d customers: %s, LL %.4f, %d evaluations%n",
                fit.customers(), fit.model(), fit.logLikelihood(), fit.evaluations());
        ParetoNbdModel m = (ParetoNbdModel) fit.model();
        // README figures: r 0.553, alpha 10.58, s 0.606, beta 11.66, LL -9594.98. beta is the least
        // determined (BTYD's optimiser stops at 11.656 with a lower likelihood than ours at 11.668).
        assertThat(m.r()).isCloseTo(0.553, threeSignificant(0.553));
        assertThat(m.alpha()).isCloseTo(10.58, threeSignificant(10.58));
        assertThat(m.s()).isCloseTo(0.606, threeSignificant(0.606));
        assertThat(m.beta()).isCloseTo(11.66, within(0.02));
        assertThat(fit.logLikelihood()).isCloseTo(-9594.98, within(0.01));
        assertThat(fit.converged()).isTrue();
        assertThat(fit.logLikelihood()).isLessThan(bgNbd.logLikelihood()); // BG/NBD fits CDNOW slightly better

        // BTYD's pnbd.ConditionalExpectedTransactions / pnbd.PAlive on the same data: customer 1516
        // (x 26, t_x 30.85714, T 31) 25.45647 purchases in 52 weeks, P(alive) 0.997874; and
        // x = 10, 15, 20, 25 with t_x 20, T 39: 0.7062289, 0.1442396, 0.02250658, 0.00309267.
        assertThat(m.expectedPurchases(52, 26, 30.85714, 31)).isCloseTo(25.456, within(0.005));
        assertThat(m.probabilityAlive(26, 30.85714, 31)).isCloseTo(0.99787, within(0.00002));
        double[] btyd = {0.7062289, 0.1442396, 0.02250658, 0.00309267};
        for (int i = 0; i < btyd.length; i++) {
            int x = 10 + 5 * i;
            assertThat(m.expectedPurchases(52, x, 20, 39)).as("x = %d", x).isCloseTo(btyd[i], within(0.002 * btyd[i]));
        }
        // The well-known effect: with the same recency, more past purchases mean a longer unexplained silence.
        assertThat(m.expectedPurchases(52, 25, 20, 39)).isLessThan(m.expectedPurchases(52, 10, 20, 39));
    }

    @Test
    void bothKindsAreSelectableByConfiguration() {
        PurchaseModelFit fit = PurchaseModels.fit(PurchaseModelKind.parse("bg-nbd"), CdnowData.summary());
        assertThat(fit.kind()).isEqualTo(PurchaseModelKind.BG_NBD);
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, within(0.01));
        PurchaseHistory customer1516 = new PurchaseHistory(26, 30.86, 31.00);
        assertThat(fit.pAlive(customer1516)).isCloseTo(0.9689, within(0.0005));
        assertThat(fit.expectedPurchases(customer1516, 52)).isCloseTo(25.76, within(0.02));
    }

    @Test
    void gammaGammaReproducesThePublishedEstimates() {
        List<SpendHistory> customers = CdnowData.spend();
        long start = System.nanoTime();
        GammaGammaFitter.Fit fit = new GammaGammaFitter().fit(customers);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Gamma-Gamma fit on %d repeat buyers: %s, LL %.4f, %d evaluations, %d ms%n",
                fit.customersUsed(), fit.model(), fit.logLikelihood(), fit.evaluations(), millis);
        GammaGammaModel m = fit.model();
        assertThat(fit.customersUsed()).isEqualTo(946);
        assertThat(m.p()).isCloseTo(6.25, threeSignificant(6.25));
        assertThat(m.q()).isCloseTo(3.74, threeSignificant(3.74));
        assertThat(m.gamma()).isCloseTo(15.44, within(0.05));
        assertThat(fit.converged()).isTrue();
        // Shrinkage: the conditional mean lies between the population mean and the customer's own.
        double population = m.p() * m.gamma() / (m.q() - 1);
        double own = 39.97;
        assertThat(m.expectedAverageSpend(26, own)).isBetween(Math.min(population, own), Math.max(population, own));
    }
}
