package org.loyalty.infra.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.MemberBalance;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.account.BalanceCache;
import org.loyalty.query.account.TierLadder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A kept balance is only ever what a fresh read would answer at the same moment: walked through every moment at
 * which time alone changes a member's balance (points becoming spendable, expiring, coming within the 30-day
 * horizon, qualifying points entering and leaving the rolling window) and through random moments over 14 months,
 * the cache's answer equals the database's, while most answers come from memory. Rows written directly, on a clock
 * of the test's own, so the application's clock and members are left alone.
 */
@IntegrationTest
class BalanceTimeBoundariesIT {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    @Autowired
    DatabaseClient db;
    @Autowired
    JdbcTemplate jdbc;
    private final String memberId = "boundaries-" + UUID.randomUUID();

    @AfterEach
    void removeRows() {
        for (String table : List.of("member_account", "points_bucket", "qualifying_points")) {
            jdbc.update("DELETE FROM " + table + " WHERE member_id = ?", memberId);
        }
    }

    @Test
    void aKeptBalanceEqualsAFreshReadAtEveryMoment() {
        jdbc.update("""
                INSERT INTO member_account (member_id, enrolled_at, balance, lifetime_earned, updated_at, tier, tier_valid_until,
                                            points_expire_at, debt) VALUES (?, ?, 115, 700, ?, 'GOLD', ?, ?, 0)""",
                memberId, at(days(-400)), at(T), at(days(200)), at(days(100)));
        bucket("never-expires", 50, days(-10), null);
        bucket("pending-then-expiring", 30, days(2), days(40));
        bucket("expiring-soon", 20, days(-1), days(5));
        bucket("spent", 0, days(1), days(3));
        bucket("expiring-later", 15, days(-100), days(60));
        qualifying(1, days(-360), 100);
        qualifying(2, days(-200), 40);
        qualifying(3, days(-5), -10);
        qualifying(4, T.plus(Duration.ofHours(3)), 25);
        qualifying(5, days(-366), 500);

        TierLadder ladder = new TierLadder(List.of(new TierLadder.Step("GREEN", 0), new TierLadder.Step("GOLD", 500),
                new TierLadder.Step("RESERVE", 2500)), Period.ofMonths(12), ZoneOffset.UTC);
        TestClock clock = new TestClock(T);
        AccountReader reader = new AccountReader(db, ladder, clock);
        BalanceCache cache = new BalanceCache(reader, clock, 100, Duration.ofDays(1000));
        cache.listening(true);

        List<Instant> moments = new ArrayList<>();
        List<Instant> boundaries = List.of(days(2), days(10), days(40), days(5), days(30), days(60), days(70), days(100),
                days(1), days(3), T.plus(Duration.ofHours(3)), monthsAfter(days(-360)), monthsAfter(days(-200)),
                monthsAfter(days(-5)), monthsAfter(T.plus(Duration.ofHours(3))), monthsAfter(days(-366)));
        for (Instant boundary : boundaries) {
            for (Duration offset : List.of(Duration.ofSeconds(-1), Duration.ofMillis(-1), Duration.ZERO, Duration.ofMillis(1),
                    Duration.ofSeconds(1))) {
                moments.add(boundary.plus(offset));
            }
        }
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 150; i++) {
            moments.add(T.plusSeconds(random.nextLong(Duration.ofDays(430).toSeconds())));
        }
        moments.add(T);
        moments.sort(null);

        Set<MemberBalance> distinct = new HashSet<>();
        for (Instant moment : moments) {
            clock.set(moment);
            MemberBalance kept = cache.balance(memberId).block();
            MemberBalance fresh = reader.balance(memberId).block();
            assertThat(kept).as("at %s", moment).isEqualTo(fresh);
            distinct.add(new MemberBalance(fresh.memberId(), fresh.balance(), fresh.available(), fresh.pending(),
                    fresh.lifetimeEarned(), fresh.expiringSoon(), fresh.pointsExpireAt(), fresh.tier(), fresh.updatedAt(), T));
        }
        assertThat(distinct).as("time changes the answer many times over the walk").hasSizeGreaterThan(12);
        assertThat(cache.hits()).as("most answers came from memory").isGreaterThan(moments.size() / 2);
    }

    private static Instant days(long days) {
        return T.plus(Duration.ofDays(days));
    }

    private static Instant monthsAfter(Instant earned) {
        return earned.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
    }

    private static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private void bucket(String id, long remaining, Instant availableAt, Instant expiresAt) {
        jdbc.update("INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                memberId, id, Math.max(remaining, 10), remaining, at(availableAt), at(expiresAt));
    }

    private void qualifying(long sequence, Instant earnedAt, long points) {
        jdbc.update("INSERT INTO qualifying_points (member_id, sequence, earned_at, points) VALUES (?, ?, ?, ?)",
                memberId, sequence, at(earnedAt), points);
    }

    /** A clock the test sets. */
    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
