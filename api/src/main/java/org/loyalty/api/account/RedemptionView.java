package org.loyalty.api.account;

import java.time.Instant;

/** A redemption as the member sees it: REDEEMED or CANCELLED. */
public record RedemptionView(String redemptionId, String rewardId, long points, String status, Instant redeemedAt, Instant cancelledAt) {
}
