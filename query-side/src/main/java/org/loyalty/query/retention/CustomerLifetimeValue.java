package org.loyalty.query.retention;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expected discounted customer lifetime value over a finite horizon: the purchase model's expected
 * transactions, period by period and discounted, times Gamma-Gamma's expected average spend.
 * <pre>
 *   CLV = E[M | x, m_x] · Σ_{k=1..n} (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^k,   t_k = min(k L, H), t_0 = 0
 * </pre>
 * for horizon H and period length L (both in the purchase model's time unit), n = ⌈H / L⌉ periods
 * (the last one may be short) and discount rate d per period, each period's purchases discounted from
 * its end. Spend and purchases are independent in the Gamma-Gamma model, so the product is the
 * expectation of the value.
 *
 * <p>E[Y(t)] = P(alive) · E[Y(t) | alive, x, T] ({@link PurchaseModel}), and the second factor does
 * not depend on t_x, so the discounted sum of its increments is computed once per (x, T) and kept (up
 * to {@value #CACHE_LIMIT} entries): a population recorded by day has few distinct (x, T), and the sum
 * costs n hypergeometric series. Instances are thread-safe.
 */
public final class CustomerLifetimeValue {

    /**
     * @param horizon H, how far ahead to count, in the purchase model's time unit (weeks for CDNOW)
     * @param periodLength L, the discounting period in the same unit (e.g. 52/12 for months in weeks)
     * @param discountRatePerPeriod d, e.g. 0.01 for 1% a period; 0 for no discounting
     */
    public record Settings(double horizon, double periodLength, double discountRatePerPeriod) {
        public Settings {
            if (!(horizon >= 0) || Double.isInfinite(horizon)) {
                throw new IllegalArgumentException("horizon must be finite and >= 0, was " + horizon);
            }
            if (!(periodLength > 0) || Double.isInfinite(periodLength)) {
                throw new IllegalArgumentException("periodLength must be finite and > 0, was " + periodLength);
            }
            if (!(discountRatePerPeriod >= 0) || Double.isInfinite(discountRatePerPeriod)) {
                throw new IllegalArgumentException("discount rate must be finite and >= 0, was " + discountRatePerPeriod);
            }
        }

        /** ⌈H / L⌉, with a little slack so that e.g. 52 / (52/12) is 12 periods, not 13. */
        public int periods() {
            return (int) Math.ceil(horizon / periodLength - 1e-9);
        }
    }

    static final int CACHE_LIMIT = 200_000;

    private record AgeKey(int x, double age) {
    }

    private final PurchaseModel purchases;
    private final GammaGammaModel spend;
    private final Settings settings;
    private final double[] periodEnds;
    private final double[] discountFactors;
    private final double populationMeanSpend;
    private final Map<AgeKey, Double> discountedIfAlive = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException if the spend model has no population mean (q &lt;= 1), which
     *     members without repeat purchases need
     */
    public CustomerLifetimeValue(PurchaseModel purchases, GammaGammaModel spend, Settings settings) {
        this(settings, purchases, java.util.Objects.requireNonNull(spend, "spend"));
    }

    /**
     * Without a spend model (too few repeat buyers to fit Gamma-Gamma, or a fit without a population
     * mean): each member's own average spend is taken as is, with no shrinkage to the population.
     */
    public static CustomerLifetimeValue withObservedSpend(PurchaseModel purchases, Settings settings) {
        return new CustomerLifetimeValue(settings, purchases, null);
    }

    private CustomerLifetimeValue(Settings settings, PurchaseModel purchases, GammaGammaModel spend) {
        if (spend != null && !(spend.q() > 1)) {
            throw new IllegalArgumentException("Gamma-Gamma q must be > 1 for a population mean spend, was " + spend.q());
        }
        this.purchases = purchases;
        this.spend = spend;
        this.settings = settings;
        int n = settings.periods();
        this.periodEnds = new double[n];
        this.discountFactors = new double[n];
        for (int k = 1; k <= n; k++) {
            periodEnds[k - 1] = Math.min(k * settings.periodLength(), settings.horizon());
            discountFactors[k - 1] = Math.pow(1 + settings.discountRatePerPeriod(), -k);
        }
        this.populationMeanSpend = spend == null ? Double.NaN : spend.expectedAverageSpend(0, 0);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The CLV in the currency of {@code averageTransactionValue}, rounded half-even to 2 decimals.
     *
     * @param history the member's (x, t_x, T)
     * @param averageTransactionValue m_x, the mean value of the member's x repeat purchases (ignored
     *     when x = 0: the population mean spend is used)
     */
    public BigDecimal value(PurchaseHistory history, BigDecimal averageTransactionValue) {
        if (averageTransactionValue.signum() < 0) {
            throw new IllegalArgumentException("average transaction value must be >= 0, was " + averageTransactionValue);
        }
        double v = expectedValue(history, averageTransactionValue.doubleValue());
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The unrounded CLV; see {@link #value}. */
    public double expectedValue(PurchaseHistory history, double averageTransactionValue) {
        return expectedAverageSpend(history.frequency(), averageTransactionValue) * discountedExpectedPurchases(history);
    }

    /** E[M | x, m_x], or the population mean p γ / (q - 1) when x = 0; m_x itself without a spend model. */
    public double expectedAverageSpend(int x, double averageTransactionValue) {
        if (spend == null) {
            return averageTransactionValue;
        }
        return x == 0 ? populationMeanSpend : spend.expectedAverageSpend(x, averageTransactionValue);
    }

    /** Σ_k (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^k, the discounted expected number of purchases. */
    public double discountedExpectedPurchases(PurchaseHistory history) {
        double perAliveCustomer = discountedIfAlive.size() < CACHE_LIMIT
                ? discountedIfAlive.computeIfAbsent(new AgeKey(history.frequency(), history.age() + 0.0),
                        k -> discountedPurchasesIfAlive(k.x(), k.age()))
                : discountedPurchasesIfAlive(history.frequency(), history.age());
        return purchases.pAlive(history) * perAliveCustomer;
    }

    private double discountedPurchasesIfAlive(int x, double T) {
        double sum = 0;
        double before = 0;
        for (int k = 0; k < periodEnds.length; k++) {
            double cumulative = purchases.expectedPurchasesIfAlive(x, T, periodEnds[k]);
            sum += (cumulative - before) * discountFactors[k];
            before = cumulative;
        }
        return sum;
    }
}
