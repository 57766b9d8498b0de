package org.loyalty.query.retention;

/**
 * One customer's spend summary for the Gamma-Gamma model.
 *
 * @param frequency x, the number of (repeat) transactions the mean is taken over
 * @param meanSpend m_x, the mean transaction value over those x transactions
 */
public record SpendHistory(int frequency, double meanSpend) {

    public SpendHistory {
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + frequency);
        }
        if (!(meanSpend >= 0) || Double.isInfinite(meanSpend)) {
            throw new IllegalArgumentException("meanSpend must be finite and >= 0, was " + meanSpend);
        }
    }
}
