package org.loyalty.query.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.referral.ReferralBonusEarned;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Balances, point buckets, tiers, purchase history, the points ledger, redemptions and issued
 * rewards. Events of one member always reach the same segment (sequenced per aggregate), so a
 * member's rows are never written by two threads at once.
 *
 * <p>Every point movement writes one ledger row keyed by the event's sequence number first; the
 * totals move only when that row is new, so a redelivered event changes nothing.
 */
@ProcessingGroup(MemberAccountProjection.PROCESSING_GROUP)
public class MemberAccountProjection {

    public static final String PROCESSING_GROUP = "member-accounts";

    private final JdbcTemplate jdbc;

    public MemberAccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberEnrolled event) {
        jdbc.update("""
                INSERT INTO member_account (member_id, enrolled_at, balance, lifetime_earned, updated_at, tier)
                VALUES (?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), ts(event.enrolledAt()), ts(event.enrolledAt()), event.tier());
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        jdbc.update("""
                INSERT INTO purchase_history (transaction_id, member_id, store_id, occurred_at, currency,
                                              payment_method, net_total, item_count, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.transactionId(), event.memberId(), event.storeId(), ts(event.occurredAt()),
                event.currency(), event.paymentMethod().name(), event.netTotal(),
                event.items().stream().mapToInt(i -> i.quantity()).sum(), ts(event.recordedAt()));
    }

    @EventHandler
    void on(PointsEarned event, @SequenceNumber long sequence) {
        String why = String.join("; ", event.applied().stream().map(AppliedRule::explanation).toList());
        if (!ledger(event.memberId(), sequence, "EARNED", event.points(), event.balanceAfter(), event.transactionId(), why, event.earnedAt())) {
            return;
        }
        jdbc.update("""
                INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                event.memberId(), event.bucket(), event.points() - event.debtRepaid(), event.points() - event.debtRepaid(),
                ts(event.spendableFrom()), ts(event.expiresAt()));
        jdbc.update("INSERT INTO qualifying_points (member_id, sequence, earned_at, points) VALUES (?, ?, ?, ?)",
                event.memberId(), sequence, ts(event.earnedAt()), event.points());
        jdbc.update("""
                UPDATE member_account
                   SET balance = ?, lifetime_earned = lifetime_earned + ?, debt = debt - ?, updated_at = ?
                 WHERE member_id = ?""",
                event.balanceAfter(), event.points(), event.debtRepaid(), ts(event.earnedAt()), event.memberId());
    }

    @EventHandler
    void on(ReferralBonusEarned event, @SequenceNumber long sequence) {
        if (!ledger(event.memberId(), sequence, "REFERRAL_BONUS", event.points(), event.balanceAfter(), null,
                "referral bonus: member " + event.refereeId() + " made a first purchase (rule " + event.ruleId()
                        + " v" + event.version() + ")", event.earnedAt())) {
            return;
        }
        long kept = event.points() - event.debtRepaid();
        jdbc.update("""
                INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                event.memberId(), event.bucketId(), kept, kept, ts(event.earnedAt()), ts(event.expiresAt()));
        jdbc.update("""
                UPDATE member_account
                   SET balance = ?, lifetime_earned = lifetime_earned + ?, debt = debt - ?, updated_at = ?
                 WHERE member_id = ?""",
                event.balanceAfter(), event.points(), event.debtRepaid(), ts(event.earnedAt()), event.memberId());
    }

    @EventHandler
    void on(PurchaseReturned event, @SequenceNumber long sequence) {
        // Points of the purchase that had expired already are not taken twice.
        long taken = event.pointsTaken() - event.alreadyExpired();
        if (!ledger(event.memberId(), sequence, "RETURNED", -taken, event.balanceAfter(),
                event.originalTransactionId(), "return " + event.returnId(), event.returnedAt())) {
            return;
        }
        take(event.memberId(), event.draws());
        // The points stop counting toward a tier as of the purchase they undo.
        jdbc.update("""
                INSERT INTO qualifying_points (member_id, sequence, earned_at, points)
                SELECT ?, ?, occurred_at, ? FROM purchase_history WHERE transaction_id = ?""",
                event.memberId(), sequence, -event.pointsTaken(), event.originalTransactionId());
        jdbc.update("UPDATE member_account SET balance = ?, debt = debt + ?, updated_at = ? WHERE member_id = ?",
                event.balanceAfter(), event.debtIncurred(), ts(event.returnedAt()), event.memberId());
    }

    @EventHandler
    void on(PointsRedeemed event, @SequenceNumber long sequence) {
        if (!ledger(event.memberId(), sequence, "REDEEMED", -event.points(), event.balanceAfter(), null,
                "reward " + event.rewardId() + " (redemption " + event.redemptionId() + ")", event.redeemedAt())) {
            return;
        }
        take(event.memberId(), event.draws());
        jdbc.update("""
                INSERT INTO redemption (redemption_id, member_id, reward_id, points, status, redeemed_at)
                VALUES (?, ?, ?, ?, 'REDEEMED', ?)""",
                event.redemptionId(), event.memberId(), event.rewardId(), event.points(), ts(event.redeemedAt()));
        balance(event.memberId(), event.balanceAfter(), event.redeemedAt());
    }

    @EventHandler
    void on(RedemptionCancelled event, @SequenceNumber long sequence) {
        String why = "redemption " + event.redemptionId() + " cancelled" + (event.reason() == null ? "" : ": " + event.reason());
        if (!ledger(event.memberId(), sequence, "REDEMPTION_CANCELLED", event.points(), event.balanceAfter(), null, why, event.cancelledAt())) {
            return;
        }
        restore(event.memberId(), event.restored());
        jdbc.update("UPDATE redemption SET status = 'CANCELLED', cancelled_at = ? WHERE redemption_id = ?",
                ts(event.cancelledAt()), event.redemptionId());
        balance(event.memberId(), event.balanceAfter(), event.cancelledAt());
    }

    @EventHandler
    void on(PointsAdjusted event, @SequenceNumber long sequence) {
        String why = "adjusted by " + event.staffId() + ": " + event.reason();
        if (!ledger(event.memberId(), sequence, "ADJUSTED", event.points(), event.balanceAfter(), null, why, event.adjustedAt())) {
            return;
        }
        if (event.points() > 0) {
            long kept = event.points() - event.debtRepaid();
            jdbc.update("""
                    INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)""",
                    event.memberId(), event.bucketId(), kept, kept, ts(event.adjustedAt()), ts(event.expiresAt()));
        } else {
            take(event.memberId(), event.draws());
        }
        jdbc.update("UPDATE member_account SET balance = ?, debt = debt - ? + ?, updated_at = ? WHERE member_id = ?",
                event.balanceAfter(), event.debtRepaid(), event.debtIncurred(), ts(event.adjustedAt()), event.memberId());
    }

    @EventHandler
    void on(PointsExpired event, @SequenceNumber long sequence) {
        if (!ledger(event.memberId(), sequence, "EXPIRED", -event.points(), event.balanceAfter(), null,
                "expired (" + event.reason() + ")", event.expiredAt())) {
            return;
        }
        take(event.memberId(), event.draws());
        balance(event.memberId(), event.balanceAfter(), event.expiredAt());
    }

    @EventHandler
    void on(ExpiryDateChanged event) {
        jdbc.update("UPDATE member_account SET points_expire_at = ? WHERE member_id = ?", ts(event.expiresAt()), event.memberId());
    }

    @EventHandler
    void on(TierChanged event) {
        jdbc.update("UPDATE member_account SET tier = ?, tier_valid_until = ?, updated_at = ? WHERE member_id = ?",
                event.toTier(), ts(event.validUntil()), ts(event.changedAt()), event.memberId());
    }

    @EventHandler
    void on(TierRenewed event) {
        jdbc.update("UPDATE member_account SET tier_valid_until = ?, updated_at = ? WHERE member_id = ?",
                ts(event.validUntil()), ts(event.renewedAt()), event.memberId());
    }

    @EventHandler
    void on(RewardIssued event) {
        jdbc.update("""
                INSERT INTO member_reward (member_id, issue_id, reward_id, reason, valid_from, valid_until, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.issueId(), event.rewardId(), event.reason(), ts(event.validFrom()),
                ts(event.validUntil()), ts(event.issuedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_account, purchase_history, points_ledger, points_bucket, qualifying_points,"
                + " redemption, member_reward");
    }

    /** Writes the movement's ledger row; false when the event was applied before. */
    private boolean ledger(String memberId, long sequence, String type, long points, long balanceAfter,
                           String transactionId, String explanation, Instant at) {
        return jdbc.update("""
                INSERT INTO points_ledger (member_id, sequence, entry_type, points, balance_after, transaction_id,
                                           explanation, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                memberId, sequence, type, points, balanceAfter, transactionId, explanation, ts(at)) == 1;
    }

    private void take(String memberId, List<BucketDraw> draws) {
        moveBuckets(memberId, draws, -1);
    }

    private void restore(String memberId, List<BucketDraw> draws) {
        moveBuckets(memberId, draws, 1);
    }

    private void moveBuckets(String memberId, List<BucketDraw> draws, int sign) {
        jdbc.batchUpdate("UPDATE points_bucket SET remaining = remaining + ? WHERE member_id = ? AND bucket_id = ?",
                draws.stream().map(d -> new Object[] {sign * d.points(), memberId, d.bucketId()}).toList());
    }

    private void balance(String memberId, long balance, Instant at) {
        jdbc.update("UPDATE member_account SET balance = ?, updated_at = ? WHERE member_id = ?", balance, ts(at), memberId);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
