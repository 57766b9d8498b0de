package org.loyalty.api.account;

import java.time.Instant;

/** A member's points as the read model sees them. */
public record MemberBalance(String memberId, long balance, long lifetimeEarned, Instant updatedAt) {
}
