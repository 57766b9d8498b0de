package org.loyalty.api.redemption;

/** The answer to a redemption or its cancellation. */
public record RedemptionReceipt(
        String memberId,
        String redemptionId,
        String rewardId,
        long points,
        long balance,
        boolean cancelled,
        boolean replayed) {

    public RedemptionReceipt asReplay() {
        return new RedemptionReceipt(memberId, redemptionId, rewardId, points, balance, cancelled, true);
    }
}
