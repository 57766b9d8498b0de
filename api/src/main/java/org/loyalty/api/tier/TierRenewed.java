package org.loyalty.api.tier;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** At its anniversary the member met the tier's threshold again; the status runs until {@code validUntil}. */
public record TierRenewed(String memberId, String tier, long qualifyingPoints, Instant validUntil, Instant renewedAt)
        implements MemberEvent {
}
