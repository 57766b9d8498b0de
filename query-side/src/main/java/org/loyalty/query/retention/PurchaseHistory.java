package org.loyalty.query.retention;

/**
 * One customer's calibration-period summary in BG/NBD notation (x, t_x, T).
 *
 * @param frequency x, the number of repeat purchases (purchases after the first), {@code >= 0}
 * @param recency t_x, time from the first to the last purchase, {@code 0 <= t_x <= T}
 * @param age T, time from the first purchase to the end of the calibration period
 */
public record PurchaseHistory(int frequency, double recency, double age) {

    public PurchaseHistory {
        validate(frequency, recency, age);
    }

    static void validate(int x, double tx, double T) {
        if (x < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + x);
        }
        if (!(T >= 0) || Double.isInfinite(T)) {
            throw new IllegalArgumentException("age T must be finite and >= 0, was " + T);
        }
        if (!(tx >= 0) || tx > T) {
            throw new IllegalArgumentException("recency must lie in [0, T], was " + tx + " with T " + T);
        }
    }
}
