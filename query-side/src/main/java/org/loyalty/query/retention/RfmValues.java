package org.loyalty.query.retention;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One member's raw RFM values at the scoring date.
 *
 * @param daysSinceLastPurchase recency, {@code >= 0}; fewer days is better
 * @param frequency number of purchases, {@code >= 0}
 * @param monetary total (or average, as the program chooses) spend, {@code >= 0}
 */
public record RfmValues(long daysSinceLastPurchase, long frequency, BigDecimal monetary) {

    public RfmValues {
        if (daysSinceLastPurchase < 0) {
            throw new IllegalArgumentException("days since last purchase must be >= 0, was " + daysSinceLastPurchase);
        }
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + frequency);
        }
        Objects.requireNonNull(monetary, "monetary");
        if (monetary.signum() < 0) {
            throw new IllegalArgumentException("monetary must be >= 0, was " + monetary);
        }
    }
}
