package org.loyalty.rules.program;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** When points run out. Chosen per tier. */
public sealed interface ExpiryPolicy {

    /** The expiry of one bucket earned at {@code earnedAt}; null when buckets do not expire on their own. */
    Instant bucketExpiry(Instant earnedAt, ZoneId zone);

    /** When every point expires if no purchase comes first; null when inactivity does not matter. */
    Instant inactivityDeadline(Instant lastPurchaseAt, ZoneId zone);

    /** Points never expire. */
    record Never() implements ExpiryPolicy {
        @Override
        public Instant bucketExpiry(Instant earnedAt, ZoneId zone) {
            return null;
        }

        @Override
        public Instant inactivityDeadline(Instant lastPurchaseAt, ZoneId zone) {
            return null;
        }
    }

    /** A bucket earned in March expires when month March + {@code months} ends (6: at the start of October). */
    record MonthsAfterEarnedMonth(int months) implements ExpiryPolicy {
        public MonthsAfterEarnedMonth {
            if (months < 0) {
                throw new IllegalArgumentException("months must not be negative: " + months);
            }
        }

        @Override
        public Instant bucketExpiry(Instant earnedAt, ZoneId zone) {
            return YearMonth.from(earnedAt.atZone(zone)).plusMonths(months + 1L).atDay(1).atStartOfDay(zone).toInstant();
        }

        @Override
        public Instant inactivityDeadline(Instant lastPurchaseAt, ZoneId zone) {
            return null;
        }
    }

    /** Every point expires {@code months} months after the last purchase (calendar months, clamped at month end). */
    record Inactivity(int months) implements ExpiryPolicy {
        public Inactivity {
            if (months <= 0) {
                throw new IllegalArgumentException("months must be positive: " + months);
            }
        }

        @Override
        public Instant bucketExpiry(Instant earnedAt, ZoneId zone) {
            return null;
        }

        @Override
        public Instant inactivityDeadline(Instant lastPurchaseAt, ZoneId zone) {
            return lastPurchaseAt == null ? null : lastPurchaseAt.atZone(zone).plusMonths(months).toInstant();
        }
    }
}
