package org.loyalty.query.account;

import static org.loyalty.query.Rows.instant;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.loyalty.api.account.IssuedReward;
import org.loyalty.api.account.LedgerEntry;
import org.loyalty.api.account.LedgerPage;
import org.loyalty.api.account.MemberBalance;
import org.loyalty.api.account.MemberRewards;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.PurchaseSummary;
import org.loyalty.api.account.RedemptionView;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Non-blocking reads of the account read model. Empty results mean the member is unknown (to the read model). */
public class AccountReader {

    /** How far ahead the balance looks for expiring points. */
    static final Duration EXPIRY_HORIZON = Duration.ofDays(30);

    private final DatabaseClient db;
    private final TierLadder ladder;
    private final Clock clock;

    public AccountReader(DatabaseClient db, TierLadder ladder, Clock clock) {
        this.db = db;
        this.ladder = ladder;
        this.clock = clock;
    }

    public Mono<Boolean> exists(String memberId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM member_account WHERE member_id = :id) AS known").bind("id", memberId)
                .map(row -> row.get("known", Boolean.class)).one();
    }

    /** The member's balance now, straight from the read model. */
    public Mono<MemberBalance> balance(String memberId) {
        Instant now = clock.instant();
        return balanceSnapshot(memberId, now).map(snapshot -> snapshot.at(now));
    }

    /**
     * The member's balance at {@code now}, with the moment until which it stays the same unless the read model's
     * rows change ({@link BalanceSnapshot#validUntil()}), for {@link BalanceCache}.
     *
     * <p>One statement, one round trip: the account row; one pass over its buckets for the spendable and pending
     * sums and the next moments at which time alone changes them (a pending bucket becomes spendable, a bucket
     * expires, a bucket comes within {@link #EXPIRY_HORIZON}); one pass over the qualifying points for their sum,
     * the oldest of them (it leaves the rolling window first) and the next one dated in the future; and the bucket
     * expiries within the horizon as two parallel arrays (expiry in epoch microseconds, points), ordered by date.
     */
    Mono<BalanceSnapshot> balanceSnapshot(String memberId, Instant now) {
        Instant horizon = now.plus(EXPIRY_HORIZON);
        return db.sql("""
                        WITH bucket AS (
                            SELECT b.remaining, b.available_at, b.expires_at FROM points_bucket b
                             WHERE b.member_id = :id AND b.remaining <> 0),
                        bucket_sums AS (
                            SELECT coalesce(sum(remaining) FILTER (WHERE available_at <= :now
                                                                     AND (expires_at IS NULL OR expires_at > :now)), 0) AS spendable,
                                   coalesce(sum(remaining) FILTER (WHERE available_at > :now), 0) AS pending,
                                   min(available_at) FILTER (WHERE available_at > :now) AS next_available_at,
                                   min(expires_at) FILTER (WHERE expires_at > :now) AS next_expiry_at,
                                   min(expires_at) FILTER (WHERE remaining > 0 AND expires_at > :horizon) AS next_expiry_beyond_horizon
                              FROM bucket),
                        qualifying AS (
                            SELECT coalesce(sum(q.points) FILTER (WHERE q.earned_at <= :now), 0) AS qualifying,
                                   min(q.earned_at) FILTER (WHERE q.earned_at <= :now) AS oldest_qualifying_at,
                                   min(q.earned_at) FILTER (WHERE q.earned_at > :now) AS next_qualifying_at
                              FROM qualifying_points q WHERE q.member_id = :id AND q.earned_at > :windowStart),
                        expiring AS (
                            SELECT expires_at, sum(remaining)::bigint AS points FROM bucket
                             WHERE remaining > 0 AND expires_at > :now AND expires_at <= :horizon
                             GROUP BY expires_at)
                        SELECT a.member_id, a.balance, a.lifetime_earned, a.debt, a.tier, a.tier_valid_until,
                               a.points_expire_at, a.updated_at, s.spendable, s.pending, s.next_available_at, s.next_expiry_at,
                               s.next_expiry_beyond_horizon, q.qualifying, q.oldest_qualifying_at, q.next_qualifying_at,
                               ARRAY(SELECT (extract(epoch FROM e.expires_at) * 1000000)::bigint FROM expiring e ORDER BY e.expires_at)
                                 AS expiring_at,
                               ARRAY(SELECT e.points FROM expiring e ORDER BY e.expires_at) AS expiring_points
                          FROM member_account a, bucket_sums s, qualifying q WHERE a.member_id = :id""")
                .bind("id", memberId)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("horizon", OffsetDateTime.ofInstant(horizon, ZoneOffset.UTC))
                .bind("windowStart", OffsetDateTime.ofInstant(ladder.windowStart(now), ZoneOffset.UTC))
                .map(row -> {
                    AccountRow account = AccountRow.of(row);
                    MemberBalance balance = account.toBalance(ladder, expiring(account, expiringBuckets(row), horizon), now);
                    return new BalanceSnapshot(balance, now, validUntil(row, account, now));
                })
                .one();
    }

    /**
     * The first moment after {@code now} at which the same rows give another balance: the earliest of the
     * moments named in {@link #balanceSnapshot}, and the inactivity expiry coming within the horizon. Null: never.
     */
    private Instant validUntil(Readable row, AccountRow account, Instant now) {
        Instant nextExpiryBeyondHorizon = instant(row, "next_expiry_beyond_horizon");
        Instant oldestQualifying = instant(row, "oldest_qualifying_at");
        Instant inactivitySoon = account.pointsExpireAt() == null ? null : account.pointsExpireAt().minus(EXPIRY_HORIZON);
        return Stream.of(instant(row, "next_available_at"), instant(row, "next_expiry_at"),
                        nextExpiryBeyondHorizon == null ? null : nextExpiryBeyondHorizon.minus(EXPIRY_HORIZON),
                        oldestQualifying == null ? null : ladder.inWindowUntil(oldestQualifying),
                        instant(row, "next_qualifying_at"),
                        inactivitySoon != null && inactivitySoon.isAfter(now) ? inactivitySoon : null)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }

    /**
     * The member's balance and tier as one snapshot of the read model, as the first value of a live stream.
     * Its sequence is the newest point movement the read model holds: the projection writes a member's events
     * in order, each batch in one transaction, so every account event up to it is in the snapshot.
     */
    public Mono<MemberUpdate> current(String memberId) {
        return db.sql("""
                        SELECT a.balance, a.tier, a.tier_valid_until, a.updated_at,
                               (SELECT coalesce(max(l.sequence), 0) FROM points_ledger l WHERE l.member_id = a.member_id) AS version
                          FROM member_account a WHERE a.member_id = :id""")
                .bind("id", memberId)
                .map(row -> {
                    String tier = row.get("tier", String.class);
                    return MemberUpdate.current(memberId, number(row, "version"), row.get("balance", Long.class),
                            tier == null ? ladder.entry().tier() : tier, instant(row, "tier_valid_until"), instant(row, "updated_at"));
                })
                .one();
    }

    private static List<MemberBalance.Expiring> expiringBuckets(Readable row) {
        Long[] at = row.get("expiring_at", Long[].class);
        Long[] points = row.get("expiring_points", Long[].class);
        List<MemberBalance.Expiring> buckets = new ArrayList<>(at.length);
        for (int i = 0; i < at.length; i++) {
            buckets.add(new MemberBalance.Expiring(Instant.EPOCH.plus(at[i], ChronoUnit.MICROS), points[i]));
        }
        return buckets;
    }

    /** Bucket expiries within the horizon, and the account-wide inactivity expiry when it falls inside it. */
    private static List<MemberBalance.Expiring> expiring(AccountRow account, List<MemberBalance.Expiring> byDate, Instant horizon) {
        Instant inactivity = account.pointsExpireAt();
        if (inactivity == null || inactivity.isAfter(horizon) || account.held() <= 0) {
            return byDate;
        }
        List<MemberBalance.Expiring> all = new ArrayList<>(byDate.stream().filter(e -> e.expiresAt().isBefore(inactivity)).toList());
        long earlier = all.stream().mapToLong(MemberBalance.Expiring::points).sum();
        all.add(new MemberBalance.Expiring(inactivity, account.held() - earlier));
        return all;
    }

    private record AccountRow(String memberId, long balance, long lifetimeEarned, long debt, String tier, Instant tierValidUntil,
                              Instant pointsExpireAt, Instant updatedAt, long spendable, long pending, long qualifying) {

        static AccountRow of(Readable row) {
            return new AccountRow(row.get("member_id", String.class), row.get("balance", Long.class),
                    row.get("lifetime_earned", Long.class), row.get("debt", Long.class), row.get("tier", String.class),
                    instant(row, "tier_valid_until"), instant(row, "points_expire_at"), instant(row, "updated_at"),
                    number(row, "spendable"), number(row, "pending"), number(row, "qualifying"));
        }

        /** Points in buckets, before the debt. */
        long held() {
            return balance + debt;
        }

        MemberBalance toBalance(TierLadder ladder, List<MemberBalance.Expiring> expiring, Instant now) {
            TierLadder.Step current = tier == null ? ladder.entry() : ladder.step(tier);
            long qualifyingPoints = Math.max(0, qualifying);
            var above = ladder.above(current.tier());
            MemberBalance.TierProgress progress = new MemberBalance.TierProgress(
                    current.tier(),
                    qualifyingPoints,
                    above.map(TierLadder.Step::tier).orElse(null),
                    above.map(s -> Math.max(0, s.qualifyingPoints() - qualifyingPoints)).orElse(0L),
                    tierValidUntil,
                    tierValidUntil == null ? 0 : Math.max(0, current.qualifyingPoints() - qualifyingPoints));
            return new MemberBalance(memberId, balance, spendable - debt, pending, lifetimeEarned, expiring,
                    held() > 0 ? pointsExpireAt : null, progress, updatedAt, now);
        }
    }

    /** Newest first; {@code before} is the sequence of the last entry already seen, or null for the first page. */
    public Mono<LedgerPage> ledger(String memberId, Long before, int limit) {
        Mono<List<LedgerEntry>> entries = db.sql("""
                        SELECT l.sequence, l.entry_type, l.points, l.balance_after, l.recorded_at, l.explanation,
                               p.transaction_id, p.store_id, p.occurred_at, p.currency, p.net_total, p.item_count
                          FROM points_ledger l
                          LEFT JOIN purchase_history p ON p.transaction_id = l.transaction_id
                         WHERE l.member_id = :id AND l.sequence < :before
                         ORDER BY l.sequence DESC
                         LIMIT :limit""")
                .bind("id", memberId)
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("limit", limit + 1)
                .map(AccountReader::ledgerEntry)
                .all()
                .collectList();
        return entries.map(found -> {
            boolean more = found.size() > limit;
            List<LedgerEntry> page = more ? found.subList(0, limit) : found;
            Long next = more ? page.get(page.size() - 1).sequence() : null;
            return new LedgerPage(memberId, page, next);
        });
    }

    /** Issued rewards and redemptions, newest first. */
    public Mono<MemberRewards> rewards(String memberId) {
        Mono<List<IssuedReward>> issued = db.sql("""
                        SELECT issue_id, reward_id, reason, valid_from, valid_until, issued_at FROM member_reward
                         WHERE member_id = :id ORDER BY issued_at DESC""")
                .bind("id", memberId)
                .map(row -> new IssuedReward(row.get("issue_id", String.class), row.get("reward_id", String.class),
                        row.get("reason", String.class), instant(row, "valid_from"), instant(row, "valid_until"), instant(row, "issued_at")))
                .all().collectList();
        Mono<List<RedemptionView>> redemptions = db.sql("""
                        SELECT redemption_id, reward_id, points, status, redeemed_at, cancelled_at FROM redemption
                         WHERE member_id = :id ORDER BY redeemed_at DESC""")
                .bind("id", memberId)
                .map(row -> new RedemptionView(row.get("redemption_id", String.class), row.get("reward_id", String.class),
                        row.get("points", Long.class), row.get("status", String.class), instant(row, "redeemed_at"),
                        instant(row, "cancelled_at")))
                .all().collectList();
        return Mono.zip(issued, redemptions, (i, r) -> new MemberRewards(memberId, i, r));
    }

    private static LedgerEntry ledgerEntry(Readable row) {
        String transactionId = row.get("transaction_id", String.class);
        PurchaseSummary purchase = null;
        if (transactionId != null) {
            String currency = row.get("currency", String.class);
            // Stored with 4 decimals; shown with the currency's own (12.5000 USD -> 12.50).
            BigDecimal netTotal = row.get("net_total", BigDecimal.class)
                    .setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
            purchase = new PurchaseSummary(transactionId, row.get("store_id", String.class), instant(row, "occurred_at"),
                    currency, netTotal, row.get("item_count", Integer.class));
        }
        return new LedgerEntry(
                row.get("sequence", Long.class),
                row.get("entry_type", String.class),
                row.get("points", Long.class),
                row.get("balance_after", Long.class),
                instant(row, "recorded_at"),
                row.get("explanation", String.class),
                purchase);
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

}
