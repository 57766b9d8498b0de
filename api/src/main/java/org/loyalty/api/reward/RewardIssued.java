package org.loyalty.api.reward;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** A free reward was given (for example on a birthday), usable from {@code validFrom} until {@code validUntil}. */
public record RewardIssued(
        String memberId,
        String issueId,
        String rewardId,
        String reason,
        Instant validFrom,
        Instant validUntil,
        Instant issuedAt) implements MemberEvent {
}
