package org.loyalty.api.points;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/**
 * A staff member added (positive) or removed (negative) points as goodwill or correction. A positive
 * adjustment first repays any debt ({@code debtRepaid}) and puts the rest in bucket {@code bucketId};
 * a negative one takes its {@code draws} from the oldest buckets and owes what they lacked ({@code debtIncurred}).
 */
public record PointsAdjusted(
        String memberId,
        String adjustmentId,
        String staffId,
        long points,
        String reason,
        String bucketId,
        Instant expiresAt,
        List<BucketDraw> draws,
        long debtRepaid,
        long debtIncurred,
        long balanceAfter,
        Instant adjustedAt) implements MemberEvent {

    public PointsAdjusted {
        draws = List.copyOf(draws);
    }
}
