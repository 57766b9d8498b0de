package org.loyalty.query.account;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Balances, purchase history and the points ledger. Events of one member always reach the same
 * segment (sequenced per aggregate), so a member's rows are never written by two threads at once.
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
                INSERT INTO member_account (member_id, enrolled_at, balance, lifetime_earned, updated_at)
                VALUES (?, ?, 0, 0, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), timestamp(event.enrolledAt()), timestamp(event.enrolledAt()));
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        jdbc.update("""
                INSERT INTO purchase_history (transaction_id, member_id, store_id, occurred_at, currency,
                                              payment_method, net_total, item_count, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.transactionId(), event.memberId(), event.storeId(), timestamp(event.occurredAt()),
                event.currency(), event.paymentMethod().name(), event.netTotal(),
                event.items().stream().mapToInt(i -> i.quantity()).sum(), timestamp(event.recordedAt()));
    }

    @EventHandler
    void on(PointsEarned event, @SequenceNumber long sequence) {
        String explanation = String.join("; ", event.applied().stream().map(r -> r.explanation()).toList());
        int inserted = jdbc.update("""
                INSERT INTO points_ledger (member_id, sequence, entry_type, points, balance_after, transaction_id,
                                           explanation, recorded_at)
                VALUES (?, ?, 'EARNED', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), sequence, event.points(), event.balanceAfter(), event.transactionId(),
                explanation, timestamp(event.earnedAt()));
        // Only a new ledger row moves the totals: a redelivered event changes nothing.
        if (inserted == 1) {
            jdbc.update("""
                    UPDATE member_account
                       SET balance = ?, lifetime_earned = lifetime_earned + ?, updated_at = ?
                     WHERE member_id = ?""",
                    event.balanceAfter(), event.points(), timestamp(event.earnedAt()), event.memberId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_account, purchase_history, points_ledger");
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
