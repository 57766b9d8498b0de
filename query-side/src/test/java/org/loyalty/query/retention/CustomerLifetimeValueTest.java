package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CustomerLifetimeValueTest {

    /** A purchase model simple enough to compute by hand: P(alive) 1/2, E[Y(t) | alive] = 2t. */
    private static final PurchaseModel HAND = new PurchaseModel() {
        @Override
        public PurchaseModelKind kind() {
            return PurchaseModelKind.BG_NBD;
        }

        @Override
        public double logLikelihood(PurchaseHistory history) {
            return 0;
        }

        @Override
        public double pAlive(PurchaseHistory history) {
            return 0.5;
        }

        @Override
        public double expectedPurchasesIfAlive(int x, double T, double t) {
            return 2 * t;
        }
    };

    /** Expected spend 6 (15 + x m) / (6x + 3): 22 for x = 2, m = 20; population mean 6·15/3 = 30. */
    private static final GammaGammaModel SPEND = new GammaGammaModel(6, 4, 15);

    private static final BgNbdModel CDNOW_BG_NBD = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaModel CDNOW_SPEND = new GammaGammaModel(6.25, 3.74, 15.44);

    @Test
    void matchesAHandComputation() {
        // 3 periods of 1, 10% a period: 0.5 · 2 · (1/1.1 + 1/1.21 + 1/1.331) = 2.4868520
        CustomerLifetimeValue clv = new CustomerLifetimeValue(HAND, SPEND, new CustomerLifetimeValue.Settings(3, 1, 0.10));
        PurchaseHistory repeatBuyer = new PurchaseHistory(2, 10, 20);
        assertThat(clv.discountedExpectedPurchases(repeatBuyer)).isCloseTo(2.4868520, within(1e-7));
        assertThat(clv.expectedAverageSpend(2, 20)).isCloseTo(22, within(1e-12));
        // 22 · 2.4868520 = 54.710744
        assertThat(clv.value(repeatBuyer, new BigDecimal("20.00"))).isEqualByComparingTo("54.71");
        assertThat(clv.value(repeatBuyer, new BigDecimal("20.00")).scale()).isEqualTo(2);
        // x = 0: the population mean spend, 30 · 2.4868520 = 74.605560, whatever m_x says
        PurchaseHistory oneTimer = new PurchaseHistory(0, 0, 20);
        assertThat(clv.value(oneTimer, BigDecimal.ZERO)).isEqualByComparingTo("74.61");
        assertThat(clv.value(oneTimer, new BigDecimal("999"))).isEqualByComparingTo("74.61");
    }

    @Test
    void aShortLastPeriodCountsOnlyItsPart() {
        // horizon 2.5: periods end at 1, 2, 2.5 with 2, 2, 1 purchases if alive:
        // 0.5 (2/1.1 + 2/1.21 + 1/1.331) = 2.1111952; · 22 = 46.446
        CustomerLifetimeValue clv = new CustomerLifetimeValue(HAND, SPEND, new CustomerLifetimeValue.Settings(2.5, 1, 0.10));
        assertThat(clv.settings().periods()).isEqualTo(3);
        assertThat(clv.value(new PurchaseHistory(2, 10, 20), new BigDecimal("20"))).isEqualByComparingTo("46.45");
        assertThat(new CustomerLifetimeValue.Settings(52, 52.0 / 12, 0.01).periods()).isEqualTo(12);
    }

    @Test
    void equalsTheDiscountedSumOfTheModelsOwnExpectations() {
        // 13 four-week periods at 1% a period, computed from BgNbdModel.expectedPurchases directly.
        CustomerLifetimeValue clv = new CustomerLifetimeValue(CDNOW_BG_NBD, CDNOW_SPEND,
                new CustomerLifetimeValue.Settings(52, 4, 0.01));
        for (PurchaseHistory h : new PurchaseHistory[] {
            new PurchaseHistory(2, 30.43, 38.86), new PurchaseHistory(0, 0, 38.86), new PurchaseHistory(26, 30.86, 31)}) {
            double sum = 0;
            double before = 0;
            for (int k = 1; k <= 13; k++) {
                double cumulative = CDNOW_BG_NBD.expectedPurchases(h, 4.0 * k);
                sum += (cumulative - before) / Math.pow(1.01, k);
                before = cumulative;
            }
            assertThat(clv.discountedExpectedPurchases(h)).isCloseTo(sum, within(1e-12));
            // the second call is served from the (x, T) cache and must agree
            assertThat(clv.discountedExpectedPurchases(h)).isCloseTo(sum, within(1e-12));
        }
        // Customer 1 of CDNOW: x 2, m_x 22.35 -> spend 6.25 (15.44 + 44.70) / (12.5 + 2.74)
        double spend = 6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1);
        PurchaseHistory customer1 = new PurchaseHistory(2, 30.43, 38.86);
        assertThat(clv.expectedValue(customer1, 22.35))
                .isCloseTo(spend * clv.discountedExpectedPurchases(customer1), within(1e-12));
    }

    @Test
    void growsWithTheHorizonAndFallsWithTheDiscountRate() {
        PurchaseHistory h = new PurchaseHistory(3, 25, 38);
        BigDecimal m = new BigDecimal("35.50");
        BigDecimal previous = BigDecimal.ZERO;
        for (int weeks = 4; weeks <= 156; weeks += 4) {
            BigDecimal v = new CustomerLifetimeValue(CDNOW_BG_NBD, CDNOW_SPEND,
                    new CustomerLifetimeValue.Settings(weeks, 4, 0.01)).value(h, m);
            assertThat(v).as("horizon %d weeks", weeks).isGreaterThan(previous);
            previous = v;
        }
        double before = Double.POSITIVE_INFINITY;
        for (double rate : new double[] {0, 0.005, 0.01, 0.02, 0.05, 0.2}) {
            double v = new CustomerLifetimeValue(CDNOW_BG_NBD, CDNOW_SPEND,
                    new CustomerLifetimeValue.Settings(104, 4, rate)).expectedValue(h, 35.50);
            assertThat(v).as("rate %s", rate).isLessThan(before);
            before = v;
        }
        CustomerLifetimeValue none = new CustomerLifetimeValue(CDNOW_BG_NBD, CDNOW_SPEND,
                new CustomerLifetimeValue.Settings(0, 4, 0.01));
        assertThat(none.value(h, m)).isEqualByComparingTo("0.00");
    }

    @Test
    void worksWithEitherPurchaseModel() {
        ParetoNbdModel pareto = new ParetoNbdModel(0.553, 10.58, 0.606, 11.66);
        CustomerLifetimeValue clv = new CustomerLifetimeValue(pareto, CDNOW_SPEND, new CustomerLifetimeValue.Settings(52, 4, 0));
        PurchaseHistory h = new PurchaseHistory(26, 30.86, 31);
        // Without discounting the sum telescopes to E[Y(52)].
        assertThat(clv.discountedExpectedPurchases(h)).isCloseTo(pareto.expectedPurchases(h, 52), within(1e-10));
    }

    @Test
    void rejectsWhatHasNoMeaning() {
        assertThatThrownBy(() -> new CustomerLifetimeValue.Settings(52, 0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerLifetimeValue.Settings(-1, 4, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerLifetimeValue.Settings(52, 4, -0.01)).isInstanceOf(IllegalArgumentException.class);
        // q <= 1: no population mean spend for members without repeat purchases
        assertThatThrownBy(() -> new CustomerLifetimeValue(HAND, new GammaGammaModel(6, 0.9, 15),
                new CustomerLifetimeValue.Settings(52, 4, 0.01))).isInstanceOf(IllegalArgumentException.class);
        CustomerLifetimeValue clv = new CustomerLifetimeValue(HAND, SPEND, new CustomerLifetimeValue.Settings(3, 1, 0.1));
        assertThatThrownBy(() -> clv.value(new PurchaseHistory(1, 1, 2), new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
