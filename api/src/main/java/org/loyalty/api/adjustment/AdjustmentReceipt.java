package org.loyalty.api.adjustment;

/** The answer to an adjustment. */
public record AdjustmentReceipt(String memberId, String adjustmentId, long points, long balance, boolean replayed) {

    public AdjustmentReceipt asReplay() {
        return new AdjustmentReceipt(memberId, adjustmentId, points, balance, true);
    }
}
