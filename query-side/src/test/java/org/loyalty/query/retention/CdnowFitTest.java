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
