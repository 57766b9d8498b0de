package org.loyalty.query.account;

import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.loyalty.api.member.MemberEnrolled;
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
import org.loyalty.query.UnitOfWorkBuffer;
import org.loyalty.query.account.AccountWrites.LedgerRow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Balances, point buckets, tiers, purchase history, the points ledger, redemptions and issued
 * rewards. Events of one member always reach the same segment (sequenced per aggregate), so a
 * member's rows are never written by two threads at once.
 *
 * <p>Every point movement writes one ledger row keyed by the event's sequence number first; the
 * totals move only when that row is new, so a redelivered event changes nothing.
 *
 * <p>The handlers do not write: they note their writes in the {@link AccountWrites} of the current
 * unit of work (for a pooled processor, one batch of up to {@code batch-size} events of a segment in
 * one transaction), which writes them with one set-based statement per table when the unit of work
 * prepares to commit, in the transaction of the batch. A replay then costs about ten round trips per
 * batch instead of two to four per event. Without a unit of work (a direct call) the writes are made
 * at once.
 */
@ProcessingGroup(MemberAccountProjection.PROCESSING_GROUP)
public class MemberAccountProjection {

    public static final String PROCESSING_GROUP = "member-accounts";

    private final JdbcTemplate jdbc;
    private final UnitOfWorkBuffer<AccountWrites> writes;

    public MemberAccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new UnitOfWorkBuffer<>(AccountWrites::new, batch -> batch.flush(jdbc));
    }

    @EventHandler
    void on(MemberEnrolled event) {
        write(w -> w.enrol(event.memberId(), event.enrolledAt(), event.tier()));
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        write(w -> w.purchase(new AccountWrites.Purchase(event.transactionId(), event.memberId(), event.storeId(),
                event.occurredAt(), event.currency(), event.paymentMethod().name(), event.netTotal(),
                event.items().stream().mapToInt(i -> i.quantity()).sum(), event.recordedAt())));
    }

    @EventHandler
    void on(PointsEarned event, @SequenceNumber long sequence) {
        String why = String.join("; ", event.applied().stream().map(AppliedRule::explanation).toList());
        movement(new LedgerRow(event.memberId(), sequence, "EARNED", event.points(), event.balanceAfter(),
                event.transactionId(), why, event.earnedAt()), effects -> {
            long kept = event.points() - event.debtRepaid();
            effects.newBucket(event.memberId(), event.bucket(), kept, event.spendableFrom(), event.expiresAt());
            effects.qualifyingPoints(event.memberId(), sequence, event.earnedAt(), event.points());
            effects.account(event.memberId()).balance(event.balanceAfter()).earned(event.points())
                    .debt(-event.debtRepaid()).updatedAt(event.earnedAt());
        });
    }

    @EventHandler
    void on(ReferralBonusEarned event, @SequenceNumber long sequence) {
        movement(new LedgerRow(event.memberId(), sequence, "REFERRAL_BONUS", event.points(), event.balanceAfter(), null,
                "referral bonus: member " + event.refereeId() + " made a first purchase (rule " + event.ruleId()
                        + " v" + event.version() + ")", event.earnedAt()), effects -> {
            long kept = event.points() - event.debtRepaid();
            effects.newBucket(event.memberId(), event.bucketId(), kept, event.earnedAt(), event.expiresAt());
            effects.account(event.memberId()).balance(event.balanceAfter()).earned(event.points())
                    .debt(-event.debtRepaid()).updatedAt(event.earnedAt());
        });
    }

    @EventHandler
    void on(PurchaseReturned event, @SequenceNumber long sequence) {
        // Points of the purchase that had expired already are not taken twice.
        long taken = event.pointsTaken() - event.alreadyExpired();
        movement(new LedgerRow(event.memberId(), sequence, "RETURNED", -taken, event.balanceAfter(),
                event.originalTransactionId(), "return " + event.returnId(), event.returnedAt()), effects -> {
            effects.take(event.memberId(), event.draws());
            // The points stop counting toward a tier as of the purchase they undo.
            effects.returnedQualifyingPoints(event.memberId(), sequence, -event.pointsTaken(), event.originalTransactionId());
            effects.account(event.memberId()).balance(event.balanceAfter()).debt(event.debtIncurred())
                    .updatedAt(event.returnedAt());
        });
    }

    @EventHandler
    void on(PointsRedeemed event, @SequenceNumber long sequence) {
        movement(new LedgerRow(event.memberId(), sequence, "REDEEMED", -event.points(), event.balanceAfter(), null,
                "reward " + event.rewardId() + " (redemption " + event.redemptionId() + ")", event.redeemedAt()), effects -> {
            effects.take(event.memberId(), event.draws());
            effects.redemption(event.redemptionId(), event.memberId(), event.rewardId(), event.points(), event.redeemedAt());
            effects.account(event.memberId()).balance(event.balanceAfter()).updatedAt(event.redeemedAt());
        });
    }

    @EventHandler
    void on(RedemptionCancelled event, @SequenceNumber long sequence) {
        String why = "redemption " + event.redemptionId() + " cancelled" + (event.reason() == null ? "" : ": " + event.reason());
        movement(new LedgerRow(event.memberId(), sequence, "REDEMPTION_CANCELLED", event.points(), event.balanceAfter(),
                null, why, event.cancelledAt()), effects -> {
            effects.restore(event.memberId(), event.restored());
            effects.cancellation(event.redemptionId(), event.cancelledAt());
            effects.account(event.memberId()).balance(event.balanceAfter()).updatedAt(event.cancelledAt());
        });
    }

    @EventHandler
    void on(PointsAdjusted event, @SequenceNumber long sequence) {
        String why = "adjusted by " + event.staffId() + ": " + event.reason();
        movement(new LedgerRow(event.memberId(), sequence, "ADJUSTED", event.points(), event.balanceAfter(), null, why,
                event.adjustedAt()), effects -> {
            if (event.points() > 0) {
                long kept = event.points() - event.debtRepaid();
                effects.newBucket(event.memberId(), event.bucketId(), kept, event.adjustedAt(), event.expiresAt());
            } else {
                effects.take(event.memberId(), event.draws());
            }
            effects.account(event.memberId()).balance(event.balanceAfter())
                    .debt(event.debtIncurred() - event.debtRepaid()).updatedAt(event.adjustedAt());
        });
    }

    @EventHandler
    void on(PointsExpired event, @SequenceNumber long sequence) {
        movement(new LedgerRow(event.memberId(), sequence, "EXPIRED", -event.points(), event.balanceAfter(), null,
                "expired (" + event.reason() + ")", event.expiredAt()), effects -> {
            effects.take(event.memberId(), event.draws());
            effects.account(event.memberId()).balance(event.balanceAfter()).updatedAt(event.expiredAt());
        });
    }

    @EventHandler
    void on(ExpiryDateChanged event) {
        write(w -> w.always(effects -> effects.account(event.memberId()).pointsExpireAt(event.expiresAt())));
    }

    @EventHandler
    void on(TierChanged event) {
        write(w -> w.always(effects -> effects.account(event.memberId()).tier(event.toTier())
                .tierValidUntil(event.validUntil()).updatedAt(event.changedAt())));
    }

    @EventHandler
    void on(TierRenewed event) {
        write(w -> w.always(effects -> effects.account(event.memberId()).tierValidUntil(event.validUntil())
                .updatedAt(event.renewedAt())));
    }

    @EventHandler
    void on(RewardIssued event) {
        write(w -> w.reward(new AccountWrites.Reward(event.memberId(), event.issueId(), event.rewardId(), event.reason(),
                event.validFrom(), event.validUntil(), event.issuedAt())));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_account, purchase_history, points_ledger, points_bucket, qualifying_points,"
                + " redemption, member_reward");
    }

    /** A point movement: its ledger row, and what it does when that row is new (see {@link AccountWrites}). */
    private void movement(LedgerRow ledgerRow, Consumer<AccountWrites.Effects> ifNew) {
        write(w -> w.movement(ledgerRow, ifNew));
    }

    /** Notes writes in the batch's buffer ({@link UnitOfWorkBuffer}). */
    private void write(Consumer<AccountWrites> note) {
        writes.note(note);
    }
}
