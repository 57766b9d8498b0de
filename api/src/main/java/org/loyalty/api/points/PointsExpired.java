package org.loyalty.api.points;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/** Points ran out of time. {@code reason} names the policy: months after the month earned, or inactivity. */
public record PointsExpired(
        String memberId,
        long points,
        List<BucketDraw> draws,
        long balanceAfter,
        String reason,
        Instant expiredAt) implements MemberEvent {

    public PointsExpired {
        draws = List.copyOf(draws);
    }
}
