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
        var settings = new CustomerLifetimeValue.Settings(clvHorizonDays / unit, DAYS_PER_MONTH / unit, monthly);
        this.lifetimeValue = model.spend() == null ? CustomerLifetimeValue.withObservedSpend(model.purchases(), settings)
                : new CustomerLifetimeValue(model.purchases(), model.spend(), settings);
    }

    public StoredModel model() {
        return model;
    }

    /** @param clv with the member's own average spend when no spend model could be fitted (too few repeat buyers) */
    public record Score(PurchaseHistory history, double pAlive, double expectedPurchases, BigDecimal clv) {
    }

    public Score score(PurchaseStats stats, LocalDate asOf, int horizonDays) {
        PurchaseHistory history = stats.history(asOf, model.daysPerTimeUnit());
        double pAlive = model.purchases().pAlive(history);
        double expected = model.purchases().expectedPurchases(history, horizonDays / (double) model.daysPerTimeUnit());
        // The repeat purchases' mean; a member without any has only the first day's spend to go by.
        BigDecimal averageSpend = stats.repeatPurchases() > 0 ? BigDecimal.valueOf(stats.repeatSpend().meanSpend())
                : stats.firstDaySpend().max(BigDecimal.ZERO);
        BigDecimal clv = lifetimeValue.value(history, averageSpend);
        return new Score(history, pAlive, expected, clv);
    }
}
