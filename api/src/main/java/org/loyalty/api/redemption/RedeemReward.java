package org.loyalty.api.redemption;

/** Spends points on a catalog reward. The member's {@code idempotencyKey} makes a retry return the first answer. */
public record RedeemReward(String memberId, String rewardId, String idempotencyKey) {
}
