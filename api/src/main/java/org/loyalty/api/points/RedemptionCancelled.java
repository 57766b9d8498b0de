package org.loyalty.api.points;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/** A redemption was undone at the POS; its points went back to the buckets they came from, with their expiry. */
public record RedemptionCancelled(
        String memberId,
        String redemptionId,
        long points,
        List<BucketDraw> restored,
        long balanceAfter,
        String reason,
        Instant cancelledAt) implements MemberEvent {

    public RedemptionCancelled {
        restored = List.copyOf(restored);
    }
}
