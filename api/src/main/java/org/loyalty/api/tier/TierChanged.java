package org.loyalty.api.tier;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * The member moved to another tier. {@code reason}: QUALIFIED (crossed a threshold), NOT_REQUALIFIED
 * (missed it at the anniversary, down one tier) or ENROLLED. {@code qualifyingPoints} is what the
 * rolling window held at the time; {@code validUntil} is the next re-qualification date (null for
 * the entry tier, which never needs re-qualifying).
 */
public record TierChanged(
        String memberId,
        String fromTier,
        String toTier,
        String reason,
        long qualifyingPoints,
        Instant validUntil,
        Instant changedAt) implements MemberEvent {
}
