package org.loyalty.query.webhook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.loyalty.api.webhook.WebhookEventType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the points that expire soon and enqueues a {@code POINTS_EXPIRING} notification per member and
 * expiry date for every subscriber that has not had it.
 *
 * <p>Why a scan and not an event handler: the account records <em>when</em> points will expire
 * ({@code ExpiryDateChanged} for the inactivity policy, the bucket's {@code expiresAt} for the
 * months-after-earned policy), but nothing happens in the event store days before that date; the
 * first event is {@code PointsExpired}, too late to warn. So this reads what the member-accounts read
 * model keeps, {@code member_account.points_expire_at} and {@code points_bucket.expires_at}, for
 * expiries within the coming window, on the application's clock. The event id
 * {@code points-expiring:<member>:<date>} deduplicates: each scan (on any node, however often) inserts
 * only what is new, and a member whose inactivity date moves (a purchase) is told again only when the
 * new date comes within the window. A subscriber added later gets the expiries still ahead.
 *
 * <p>No index covers {@code points_expire_at}, so each round reads {@code member_account} through: an index would
 * keep every purchase's update of the account from staying on its page (V15). Once the first scan has caught up,
 * an hourly scan finds only the dates that entered the window since the last one, one round.
 */
public class ExpiringPointsScan {

    private final JdbcTemplate jdbc;
    private final WebhookDeliveryTable deliveries;

    public ExpiringPointsScan(JdbcTemplate jdbc, WebhookDeliveryTable deliveries) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
    }

    /**
     * Enqueues the notifications for points expiring after {@code now} and at most {@code within}
     * later, days counted in {@code zone}, {@code batchSize} members at a time; returns how many
     * deliveries were added. Does nothing (one cheap query) while nobody subscribes to them.
     */
    public int enqueue(Instant now, Duration within, ZoneId zone, int batchSize) {
        if (!anySubscriber()) {
            return 0;
        }
        int added = 0;
        // Each round enqueues what it found, so the next one finds the rest; the cap guards against a row that never enqueues.
        for (int round = 0; round < 1_000; round++) {
            List<WebhookNotification> found = unnotified(now, now.plus(within), zone, batchSize);
            for (WebhookNotification notification : found) {
                added += deliveries.enqueue(notification, now);
            }
            if (found.size() < batchSize) {
                break;
            }
        }
        return added;
    }

    /**
     * The zone as PostgreSQL's {@code AT TIME ZONE} reads it: region ids as they are; a fixed offset in
     * POSIX form, whose sign counts hours west of UTC ({@code +02:00} becomes {@code UTC-02:00}).
     */
    static String postgresZone(ZoneId zone) {
        if (!(zone.normalized() instanceof java.time.ZoneOffset offset)) {
            return zone.getId();
        }
        int west = -offset.getTotalSeconds();
        return west == 0 ? "UTC" : String.format("UTC%s%02d:%02d:%02d", west < 0 ? "-" : "+", Math.abs(west) / 3600,
                Math.abs(west) % 3600 / 60, Math.abs(west) % 60);
    }

    private boolean anySubscriber() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE deleted_at IS NULL AND ? = ANY (events))",
                Boolean.class, WebhookEventType.POINTS_EXPIRING.name()));
    }

    /**
     * Expiring points per member and day, for which some live subscriber has no delivery yet. Bucket
     * expiries (months-after-earned policy) count when they come before the account's inactivity date;
     * at the inactivity date every point still in a bucket expires (those buckets have no date of their own).
     */
    private List<WebhookNotification> unnotified(Instant now, Instant horizon, ZoneId zone, int limit) {
        Timestamp from = Timestamp.from(now);
        Timestamp to = Timestamp.from(horizon);
        return jdbc.query("""
                WITH expiring AS (
                    SELECT b.member_id, b.expires_at, b.remaining AS points
                      FROM points_bucket b
                      JOIN member_account a ON a.member_id = b.member_id
                     WHERE b.remaining > 0 AND b.expires_at > ? AND b.expires_at <= ?
                       AND (a.points_expire_at IS NULL OR b.expires_at < a.points_expire_at)
                    UNION ALL
                    SELECT a.member_id, a.points_expire_at,
                           (SELECT coalesce(sum(b.remaining), 0) FROM points_bucket b
                             WHERE b.member_id = a.member_id AND b.remaining > 0
                               AND (b.expires_at IS NULL OR b.expires_at >= a.points_expire_at))
                      FROM member_account a
                     WHERE a.points_expire_at > ? AND a.points_expire_at <= ?
                ), by_day AS (
                    SELECT member_id, (expires_at AT TIME ZONE ?)::date AS expiry_date, min(expires_at) AS expires_at,
                           sum(points) AS points
                      FROM expiring
                     GROUP BY 1, 2
                    HAVING sum(points) > 0
                )
                SELECT e.member_id, e.expiry_date, e.expires_at, e.points
                  FROM by_day e
                 WHERE EXISTS (SELECT 1 FROM webhook_subscription s
                                WHERE s.deleted_at IS NULL AND ? = ANY (s.events)
                                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery d
                                                   WHERE d.subscription_id = s.subscription_id
                                                     AND d.event_id = ? || e.member_id || ':' || e.expiry_date::text))
                 ORDER BY e.expires_at, e.member_id
                 LIMIT ?""",
                (row, i) -> WebhookNotification.pointsExpiring(row.getString("member_id"), row.getObject("expiry_date", java.time.LocalDate.class),
                        row.getTimestamp("expires_at").toInstant(), row.getLong("points"), now),
                from, to, from, to, postgresZone(zone), WebhookEventType.POINTS_EXPIRING.name(), WebhookNotification.POINTS_EXPIRING_ID_PREFIX,
                limit);
    }
}
