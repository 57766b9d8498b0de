package org.loyalty.query.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.query.ArrayColumns;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of one batch of events (one Axon unit of work: up to {@code batch-size} events of one segment, one
 * database transaction), collected in memory and flushed with one set-based statement per table and kind of write
 * instead of two to four statements per event.
 *
 * <p>Idempotency is kept as the projection documents it: every point movement brings its ledger row, keyed by
 * (member_id, sequence); all ledger rows of the batch are inserted by one statement that returns the keys it
 * actually inserted, and a movement's other effects are applied only when its key is among them. A redelivered
 * event therefore changes nothing, whether the whole batch or only part of it was applied before.
 *
 * <p>Flush order, and why it gives the same rows as handling the events one by one. Events of one member are on
 * one segment and arrive in sequence order; each statement below writes the rows of every member of the batch:
 * <ol>
 *   <li>{@code member_account} rows of enrolments (insert, ignore existing): every later statement may update them.
 *   <li>{@code purchase_history} (insert, ignore existing): a return later in the batch reads its purchase's date.
 *   <li>{@code points_ledger} (insert, ignore existing, returning the new keys): decides which movements apply.
 *       Whether a key is new depends only on the rows stored before the batch, not on any other write, so
 *       deciding all of them first is the same as deciding them one event at a time.
 *   <li>new {@code points_bucket} rows, then the draws on buckets: a draw only follows the bucket it draws on
 *       (earlier in the batch or before it), and the draws of the batch on one bucket are summed, since
 *       {@code remaining + a + b} is the same in any order (and an UPDATE ... FROM must not meet a row twice).
 *   <li>{@code qualifying_points}: earned ones as given, returned ones dated by their purchase (step 2 is done).
 *   <li>{@code redemption} rows, then cancellations: a cancellation follows its redemption; the last one wins.
 *   <li>{@code member_reward} (insert, ignore existing): independent of everything else.
 *   <li>one UPDATE of {@code member_account} per member, the batch's account changes folded in event order
 *       ({@link AccountUpdate}): the balance is the last {@code balanceAfter}, lifetime points and debt are summed
 *       deltas, tier, tier validity, expiry date and update time are the last values set.
 * </ol>
 * Nothing here reads a row that a later statement of the same flush writes, except the ones named above, whose
 * writers come first. Folding the account changes (most events of a member's stream update the account row) into
 * one row update per member is a large part of the saving.
 */
final class AccountWrites {

    record LedgerKey(String memberId, long sequence) {
    }

    record LedgerRow(String memberId, long sequence, String entryType, long points, long balanceAfter,
                     String transactionId, String explanation, Instant recordedAt) {
        LedgerKey key() {
            return new LedgerKey(memberId, sequence);
        }
    }

    record Enrolment(String memberId, Instant enrolledAt, String tier) {
    }

    record Purchase(String transactionId, String memberId, String storeId, Instant occurredAt, String currency,
                    String paymentMethod, BigDecimal netTotal, long itemCount, Instant recordedAt) {
    }

    record Reward(String memberId, String issueId, String rewardId, String reason, Instant validFrom,
                  Instant validUntil, Instant issuedAt) {
    }

    /** One handled event's effects that depend on its ledger row being new ({@code gate}), or on nothing (null). */
    private record Step(LedgerKey gate, Consumer<Effects> effects) {
    }

    private final List<Enrolment> enrolments = new ArrayList<>();
    private final List<Purchase> purchases = new ArrayList<>();
    private final Map<LedgerKey, LedgerRow> ledger = new LinkedHashMap<>();
    private final List<Reward> rewards = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    void enrol(String memberId, Instant enrolledAt, String tier) {
        enrolments.add(new Enrolment(memberId, enrolledAt, tier));
    }

    void purchase(Purchase purchase) {
        purchases.add(purchase);
    }

    void reward(Reward reward) {
        rewards.add(reward);
    }

    /**
     * A point movement: its ledger row, and its other effects, applied only if that row is new. The same key twice
     * in one batch (an event delivered twice within it) applies once, as it would one event at a time.
     */
    void movement(LedgerRow row, Consumer<Effects> ifNew) {
        if (ledger.putIfAbsent(row.key(), row) == null) {
            steps.add(new Step(row.key(), ifNew));
        }
    }

    /** Effects that apply whatever the ledger says (tier and expiry changes: setting the same value again is harmless). */
    void always(Consumer<Effects> effects) {
        steps.add(new Step(null, effects));
    }

    /** Writes everything collected, in the order of the class comment, in the caller's transaction. */
    void flush(JdbcTemplate jdbc) {
        ArrayColumns.of(enrolments).text(Enrolment::memberId).instant(Enrolment::enrolledAt).text(Enrolment::tier).update(jdbc, """
                INSERT INTO member_account (member_id, enrolled_at, balance, lifetime_earned, updated_at, tier)
                SELECT u.member_id, u.enrolled_at, 0, 0, u.enrolled_at, u.tier
                  FROM unnest(?::text[], ?::timestamptz[], ?::text[]) AS u(member_id, enrolled_at, tier)
                ON CONFLICT DO NOTHING""");
        ArrayColumns.of(purchases).text(Purchase::transactionId).text(Purchase::memberId).text(Purchase::storeId)
                .instant(Purchase::occurredAt).text(Purchase::currency).text(Purchase::paymentMethod)
                .decimal(Purchase::netTotal).int8(Purchase::itemCount).instant(Purchase::recordedAt).update(jdbc, """
                INSERT INTO purchase_history (transaction_id, member_id, store_id, occurred_at, currency,
                                              payment_method, net_total, item_count, recorded_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                                     ?::numeric[], ?::bigint[], ?::timestamptz[])
                ON CONFLICT DO NOTHING""");
        Set<LedgerKey> newRows = new HashSet<>(ArrayColumns.of(ledger.values()).text(LedgerRow::memberId)
                .int8(LedgerRow::sequence).text(LedgerRow::entryType).int8(LedgerRow::points).int8(LedgerRow::balanceAfter)
                .text(LedgerRow::transactionId).text(LedgerRow::explanation).instant(LedgerRow::recordedAt).query(jdbc, """
                        INSERT INTO points_ledger (member_id, sequence, entry_type, points, balance_after, transaction_id,
                                                   explanation, recorded_at)
                        SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],
                                             ?::text[], ?::timestamptz[])
                        ON CONFLICT DO NOTHING
                        RETURNING member_id, sequence""",
                        (rs, n) -> new LedgerKey(rs.getString(1), rs.getLong(2))));

        Effects effects = new Effects();
        for (Step step : steps) {
            if (step.gate() == null || newRows.contains(step.gate())) {
                step.effects().accept(effects);
            }
        }
        effects.flush(jdbc);

        ArrayColumns.of(rewards).text(Reward::memberId).text(Reward::issueId).text(Reward::rewardId).text(Reward::reason)
                .instant(Reward::validFrom).instant(Reward::validUntil).instant(Reward::issuedAt).update(jdbc, """
                INSERT INTO member_reward (member_id, issue_id, reward_id, reason, valid_from, valid_until, issued_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                                     ?::timestamptz[])
                ON CONFLICT DO NOTHING""");
        effects.flushAccounts(jdbc);
    }

    /** The writes of the movements that apply (and of the ungated steps), gathered per table in event order. */
    static final class Effects {

        record NewBucket(String memberId, String bucketId, long points, Instant availableAt, Instant expiresAt) {
        }

        record BucketKey(String memberId, String bucketId) {
        }

        record QualifyingPoints(String memberId, long sequence, Instant earnedAt, long points) {
        }

        /** Dated by the returned purchase's {@code occurred_at}, looked up in {@code purchase_history}. */
        record ReturnedQualifyingPoints(String memberId, long sequence, long points, String originalTransactionId) {
        }

        record NewRedemption(String redemptionId, String memberId, String rewardId, long points, Instant redeemedAt) {
        }

        private final List<NewBucket> buckets = new ArrayList<>();
        private final Map<BucketKey, Long> bucketDeltas = new LinkedHashMap<>();
        private final List<QualifyingPoints> qualifying = new ArrayList<>();
        private final List<ReturnedQualifyingPoints> returned = new ArrayList<>();
        private final List<NewRedemption> redemptions = new ArrayList<>();
        private final Map<String, Instant> cancellations = new LinkedHashMap<>();
        private final Map<String, AccountUpdate> accounts = new LinkedHashMap<>();

        void newBucket(String memberId, String bucketId, long points, Instant availableAt, Instant expiresAt) {
            buckets.add(new NewBucket(memberId, bucketId, points, availableAt, expiresAt));
        }

        void take(String memberId, List<BucketDraw> draws) {
            move(memberId, draws, -1);
        }

        void restore(String memberId, List<BucketDraw> draws) {
            move(memberId, draws, 1);
        }

        private void move(String memberId, List<BucketDraw> draws, int sign) {
            for (BucketDraw draw : draws) {
                bucketDeltas.merge(new BucketKey(memberId, draw.bucketId()), sign * draw.points(), Long::sum);
            }
        }

        void qualifyingPoints(String memberId, long sequence, Instant earnedAt, long points) {
            qualifying.add(new QualifyingPoints(memberId, sequence, earnedAt, points));
        }

        void returnedQualifyingPoints(String memberId, long sequence, long points, String originalTransactionId) {
            returned.add(new ReturnedQualifyingPoints(memberId, sequence, points, originalTransactionId));
        }

        void redemption(String redemptionId, String memberId, String rewardId, long points, Instant redeemedAt) {
            redemptions.add(new NewRedemption(redemptionId, memberId, rewardId, points, redeemedAt));
        }

        void cancellation(String redemptionId, Instant cancelledAt) {
            cancellations.put(redemptionId, cancelledAt);
        }

        AccountUpdate account(String memberId) {
            return accounts.computeIfAbsent(memberId, AccountUpdate::new);
        }

        private void flush(JdbcTemplate jdbc) {
            ArrayColumns.of(buckets).text(NewBucket::memberId).text(NewBucket::bucketId).int8(NewBucket::points)
                    .int8(NewBucket::points).instant(NewBucket::availableAt).instant(NewBucket::expiresAt).update(jdbc, """
                    INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])""");
            ArrayColumns.of(bucketDeltas.entrySet()).text(e -> e.getKey().memberId()).text(e -> e.getKey().bucketId())
                    .int8(Map.Entry::getValue).update(jdbc, """
                    UPDATE points_bucket b SET remaining = b.remaining + u.delta
                      FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(member_id, bucket_id, delta)
                     WHERE b.member_id = u.member_id AND b.bucket_id = u.bucket_id""");
            ArrayColumns.of(qualifying).text(QualifyingPoints::memberId).int8(QualifyingPoints::sequence)
                    .instant(QualifyingPoints::earnedAt).int8(QualifyingPoints::points).update(jdbc, """
                    INSERT INTO qualifying_points (member_id, sequence, earned_at, points)
                    SELECT * FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::bigint[])""");
            // The points stop counting toward a tier as of the purchase they undo (none if it is unknown).
            ArrayColumns.of(returned).text(ReturnedQualifyingPoints::memberId).int8(ReturnedQualifyingPoints::sequence)
                    .int8(ReturnedQualifyingPoints::points).text(ReturnedQualifyingPoints::originalTransactionId).update(jdbc, """
                    INSERT INTO qualifying_points (member_id, sequence, earned_at, points)
                    SELECT u.member_id, u.sequence, p.occurred_at, u.points
                      FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[]) AS u(member_id, sequence, points, transaction_id)
                      JOIN purchase_history p ON p.transaction_id = u.transaction_id""");
            ArrayColumns.of(redemptions).text(NewRedemption::redemptionId).text(NewRedemption::memberId)
                    .text(NewRedemption::rewardId).int8(NewRedemption::points).instant(NewRedemption::redeemedAt).update(jdbc, """
                    INSERT INTO redemption (redemption_id, member_id, reward_id, points, status, redeemed_at)
                    SELECT u.redemption_id, u.member_id, u.reward_id, u.points, 'REDEEMED', u.redeemed_at
                      FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
                           AS u(redemption_id, member_id, reward_id, points, redeemed_at)""");
            ArrayColumns.of(cancellations.entrySet()).text(Map.Entry::getKey).instant(Map.Entry::getValue).update(jdbc, """
                    UPDATE redemption r SET status = 'CANCELLED', cancelled_at = u.cancelled_at
                      FROM unnest(?::text[], ?::timestamptz[]) AS u(redemption_id, cancelled_at)
                     WHERE r.redemption_id = u.redemption_id""");
        }

        private void flushAccounts(JdbcTemplate jdbc) {
            ArrayColumns.of(accounts.values()).text(a -> a.memberId)
                    .bool(a -> a.balanceSet).int8(a -> a.balance).int8(a -> a.lifetimeEarned).int8(a -> a.debt)
                    .bool(a -> a.updatedAtSet).instant(a -> a.updatedAt)
                    .bool(a -> a.tierSet).text(a -> a.tier)
                    .bool(a -> a.tierValidUntilSet).instant(a -> a.tierValidUntil)
                    .bool(a -> a.pointsExpireAtSet).instant(a -> a.pointsExpireAt).update(jdbc, """
                    UPDATE member_account a
                       SET balance          = CASE WHEN u.balance_set THEN u.balance ELSE a.balance END,
                           lifetime_earned  = a.lifetime_earned + u.lifetime_earned,
                           debt             = a.debt + u.debt,
                           updated_at       = CASE WHEN u.updated_at_set THEN u.updated_at ELSE a.updated_at END,
                           tier             = CASE WHEN u.tier_set THEN u.tier ELSE a.tier END,
                           tier_valid_until = CASE WHEN u.tier_valid_until_set THEN u.tier_valid_until ELSE a.tier_valid_until END,
                           points_expire_at = CASE WHEN u.points_expire_at_set THEN u.points_expire_at ELSE a.points_expire_at END
                      FROM unnest(?::text[], ?::boolean[], ?::bigint[], ?::bigint[], ?::bigint[], ?::boolean[], ?::timestamptz[],
                                  ?::boolean[], ?::text[], ?::boolean[], ?::timestamptz[], ?::boolean[], ?::timestamptz[])
                           AS u(member_id, balance_set, balance, lifetime_earned, debt, updated_at_set, updated_at,
                                tier_set, tier, tier_valid_until_set, tier_valid_until, points_expire_at_set, points_expire_at)
                     WHERE a.member_id = u.member_id""");
        }
    }
}
