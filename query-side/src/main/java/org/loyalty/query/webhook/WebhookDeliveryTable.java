package org.loyalty.query.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox, {@code webhook_delivery}: one row per notification and subscriber. Rows are inserted by
 * the outbox processor (in its transaction) and the points-expiring scan; the dispatcher claims due
 * rows, sends them outside any transaction and records the outcome. Every method is one SQL
 * statement, so every transaction here is short.
 */
public class WebhookDeliveryTable {

    /** The delivery id: a UUID derived from subscription and event id, the same however often the event comes. */
    static final String DELIVERY_ID = "md5(s.subscription_id::text || ':' || ?)::uuid";

    private final JdbcTemplate jdbc;

    public WebhookDeliveryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A PENDING delivery, due at {@code now}, for each live subscriber of the notification's type that
     * does not have it yet; returns how many were added. Runs in the caller's transaction, if any.
     */
    public int enqueue(WebhookNotification notification, Instant now) {
        return jdbc.update("""
                INSERT INTO webhook_delivery (delivery_id, subscription_id, event_id, event_type, member_id, occurred_at, payload,
                                              status, attempts, next_attempt_at, created_at)
                SELECT %s, s.subscription_id, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?
                  FROM webhook_subscription s
                 WHERE s.deleted_at IS NULL AND ? = ANY (s.events)
                ON CONFLICT DO NOTHING""".formatted(DELIVERY_ID),
                notification.eventId(), notification.eventId(), notification.type().name(), notification.memberId(),
                Timestamp.from(notification.occurredAt()), notification.body(), Timestamp.from(now), Timestamp.from(now),
                notification.type().name());
    }

    /**
     * Claims up to {@code limit} PENDING deliveries due at {@code now} for this node: each gets its
     * attempt counted and its next attempt moved to {@code leaseUntil}, so that no other node takes it
     * while it is being sent, and another does if this node dies before recording the outcome. Rows
     * that another node is claiming at the same moment are skipped, never waited for.
     */
    public List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.query("""
                WITH due AS (
                    SELECT d.delivery_id
                      FROM webhook_delivery d
                     WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
                     ORDER BY d.next_attempt_at
                     LIMIT ?
                       FOR UPDATE SKIP LOCKED)
                UPDATE webhook_delivery d
                   SET attempts = d.attempts + 1, next_attempt_at = ?, last_attempt_at = ?
                  FROM due, webhook_subscription s
                 WHERE d.delivery_id = due.delivery_id AND s.subscription_id = d.subscription_id
                RETURNING d.delivery_id, d.subscription_id, d.event_id, d.event_type, d.member_id, d.payload, d.attempts,
                          s.url, s.secret""",
                (row, i) -> new ClaimedDelivery(row.getObject("delivery_id", UUID.class), row.getObject("subscription_id", UUID.class),
                        row.getString("event_id"), row.getString("event_type"), row.getString("member_id"), row.getString("payload"),
                        row.getInt("attempts"), row.getString("url"), row.getString("secret")),
                Timestamp.from(now), limit, Timestamp.from(leaseUntil), Timestamp.from(now));
    }

    /** The subscriber answered 2xx. Recorded even if the subscription was deleted meanwhile: it did arrive. */
    public boolean recordDelivered(ClaimedDelivery delivery, int statusCode, Instant at) {
        return jdbc.update("""
                UPDATE webhook_delivery
                   SET status = 'DELIVERED', delivered_at = ?, last_status_code = ?, last_error = NULL
                 WHERE delivery_id = ? AND attempts = ?""",
                Timestamp.from(at), statusCode, delivery.deliveryId(), delivery.attempt()) == 1;
    }

    /** Tried again at {@code nextAttemptAt}, unless the subscription was deleted (and the delivery cancelled) meanwhile. */
    public boolean recordRetry(ClaimedDelivery delivery, Integer statusCode, String error, Instant nextAttemptAt) {
        return jdbc.update("""
                UPDATE webhook_delivery
                   SET next_attempt_at = ?, last_status_code = ?, last_error = ?
                 WHERE delivery_id = ? AND attempts = ? AND status = 'PENDING'""",
                Timestamp.from(nextAttemptAt), statusCode, shortened(error), delivery.deliveryId(), delivery.attempt()) == 1;
    }

    /** Refused by the subscriber (4xx) or out of attempts: never tried again. */
    public boolean recordFailed(ClaimedDelivery delivery, Integer statusCode, String error) {
        return jdbc.update("""
                UPDATE webhook_delivery
                   SET status = 'FAILED', last_status_code = ?, last_error = ?
                 WHERE delivery_id = ? AND attempts = ? AND status = 'PENDING'""",
                statusCode, shortened(error), delivery.deliveryId(), delivery.attempt()) == 1;
    }

    private static String shortened(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 499) + "…";
    }

    /**
     * A delivery claimed for sending: {@code attempt} is this attempt's number (1 for the first), which
     * also fences the outcome: a node whose lease ran out cannot overwrite the next attempt's result.
     */
    public record ClaimedDelivery(UUID deliveryId, UUID subscriptionId, String eventId, String eventType, String memberId, String payload,
                                  int attempt, String url, String secret) {

        @Override
        public String toString() {
            // Never the secret.
            return "ClaimedDelivery[" + deliveryId + ", " + eventType + " " + eventId + " to " + url + ", attempt " + attempt + "]";
        }
    }
}
