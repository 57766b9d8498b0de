package org.loyalty.api.purchase;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/**
 * Points were earned by a purchase. {@code applied} says why: every rule that contributed and how
 * many points it gave, so that a member or an auditor can ask "why these points?".
 */
public record PointsEarned(
        String memberId,
        String transactionId,
        long points,
        long balanceAfter,
        List<AppliedRule> applied,
        Instant earnedAt) implements MemberEvent {

    public PointsEarned {
        applied = List.copyOf(applied);
    }
}
