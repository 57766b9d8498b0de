package org.loyalty.query.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.loyalty.query.retention.CustomerLifetimeValue;
import org.loyalty.query.retention.PurchaseHistory;

/**
 * A member's model figures from one stored fit: P(alive), expected purchases over a horizon and the
 * discounted lifetime value. Time is converted to the fit's unit here and nowhere else.
 */
public final class MemberScorer {

    /** A month, the period future spend is discounted by, in days. */
    private static final double DAYS_PER_MONTH = 365.25 / 12;

    private final StoredModel model;
    private final CustomerLifetimeValue lifetimeValue;

    /**
     * @param clvHorizonDays     how far ahead the lifetime value counts
     * @param annualDiscountRate e.g. 0.10: compounded monthly, as spend is discounted month by month
     */
    public MemberScorer(StoredModel model, int clvHorizonDays, BigDecimal annualDiscountRate) {
        this.model = model;
        double unit = model.daysPerTimeUnit();
        double monthly = Math.pow(1 + annualDiscountRate.doubleValue(), 1.0 / 12) - 1;
        this.lifetimeValue = model.spend() == null ? null : new CustomerLifetimeValue(model.purchases(), model.spend(),
                new CustomerLifetimeValue.Settings(clvHorizonDays / unit, DAYS_PER_MONTH / unit, monthly));
    }

    public StoredModel model() {
        return model;
    }

    /** @param clv null when no spend model could be fitted (too few repeat buyers) */
    public record Score(PurchaseHistory history, double pAlive, double expectedPurchases, BigDecimal clv) {
    }

    public Score score(PurchaseStats stats, LocalDate asOf, int horizonDays) {
        PurchaseHistory history = stats.history(asOf, model.daysPerTimeUnit());
        double pAlive = model.purchases().pAlive(history);
        double expected = model.purchases().expectedPurchases(history, horizonDays / (double) model.daysPerTimeUnit());
        BigDecimal clv = lifetimeValue == null ? null
                : lifetimeValue.value(history, BigDecimal.valueOf(stats.repeatSpend().meanSpend()));
        return new Score(history, pAlive, expected, clv);
    }
}
