package org.loyalty.api.purchase;

import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/**
 * Points were earned by a purchase. {@code applied} says why: every rule that contributed and how
 * many points it gave, so that a member or an auditor can ask "why these points?".
 *
 * <p>The points form bucket {@code bucketId}, spendable from {@code availableAt} and expiring at
 * {@code expiresAt} (null: never, or with the whole account under an inactivity policy).
 * {@code itemPoints} splits the points over the purchase's items (what a return takes back);
 * {@code debtRepaid} is the part that first paid off a negative balance. Events stored before these
 * fields existed read them as null or 0, which the readers treat as "bucket = transaction, available
 * at once, no split".
 */
public record PointsEarned(
        String memberId,
        String transactionId,
        long points,
        long balanceAfter,
        List<AppliedRule> applied,
        Instant earnedAt,
        String tier,
        List<Long> itemPoints,
        String bucketId,
        Instant availableAt,
        Instant expiresAt,
        long debtRepaid) implements MemberEvent {

    public PointsEarned {
        applied = List.copyOf(applied);
        itemPoints = itemPoints == null ? List.of() : List.copyOf(itemPoints);
    }

    public String bucket() {
        return bucketId == null ? transactionId : bucketId;
    }

    public Instant spendableFrom() {
        return availableAt == null ? earnedAt : availableAt;
    }
}
