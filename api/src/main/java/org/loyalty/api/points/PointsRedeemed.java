package org.loyalty.api.points;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/** A member spent points on a catalog reward; {@code draws} are the buckets they came from, oldest first. */
public record PointsRedeemed(
        String memberId,
        String redemptionId,
        String idempotencyKey,
        String rewardId,
        long points,
        List<BucketDraw> draws,
        long balanceAfter,
        Instant redeemedAt) implements MemberEvent {

    public PointsRedeemed {
        draws = List.copyOf(draws);
    }
}
