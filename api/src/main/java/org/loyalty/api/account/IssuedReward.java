package org.loyalty.api.account;

import java.time.Instant;

/** A free reward the member received (birthday, ...), usable between {@code validFrom} and {@code validUntil}. */
public record IssuedReward(String issueId, String rewardId, String reason, Instant validFrom, Instant validUntil, Instant issuedAt) {
}
