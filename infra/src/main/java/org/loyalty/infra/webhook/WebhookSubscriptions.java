package org.loyalty.infra.webhook;

import static org.loyalty.query.Rows.instant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The subscribers, {@code webhook_subscription}, read and written with R2DBC from the web handlers.
 *
 * <p>Plain rows rather than an event-sourced aggregate: a subscription is integration configuration
 * (a URL, a list of types, a secret), with no business rule to enforce across commands and no history
 * anyone needs to replay; the audit trail that matters, what was sent where and with what outcome, is
 * {@code webhook_delivery}. Keeping it out of the event store also keeps the secret out of events,
 * which are immutable and copied into every replay. Each change is one SQL statement, so atomic.
 */
class WebhookSubscriptions {

    private final DatabaseClient db;

    WebhookSubscriptions(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> create(UUID id, String url, List<String> events, String description, String secret, Instant now) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO webhook_subscription (subscription_id, url, events, description, secret, created_at)
                        VALUES (:id, :url, :events, :description, :secret, :now)""")
                .bind("id", id)
                .bind("url", url)
                .bind("events", events.toArray(String[]::new))
                .bind("secret", secret)
                .bind("now", at(now));
        return (description == null ? insert.bindNull("description", String.class) : insert.bind("description", description)).then();
    }

    /** The live subscriptions, oldest first; never their secrets. */
    Flux<Subscription> live() {
        return db.sql("""
                        SELECT subscription_id, url, events, description, created_at, secret_rotated_at
                          FROM webhook_subscription WHERE deleted_at IS NULL ORDER BY created_at, subscription_id""")
                .map(row -> new Subscription(row.get("subscription_id", UUID.class), row.get("url", String.class),
                        List.of(row.get("events", String[].class)), row.get("description", String.class),
                        instant(row, "created_at"), instant(row, "secret_rotated_at")))
                .all();
    }

    /**
     * Deletes a live subscription and cancels its pending deliveries, in one statement: no delivery is
     * claimed for it afterwards. False when there is no such live subscription.
     */
    Mono<Boolean> delete(UUID id, Instant now) {
        return db.sql("""
                        WITH gone AS (
                            UPDATE webhook_subscription SET deleted_at = :now
                             WHERE subscription_id = :id AND deleted_at IS NULL
                            RETURNING subscription_id),
                        cancelled AS (
                            UPDATE webhook_delivery SET status = 'CANCELLED', last_error = 'subscription deleted'
                             WHERE subscription_id IN (SELECT subscription_id FROM gone) AND status = 'PENDING'
                            RETURNING 1)
                        SELECT count(*) AS deleted, (SELECT count(*) FROM cancelled) AS cancelled FROM gone""")
                .bind("id", id)
                .bind("now", at(now))
                .map(row -> row.get("deleted", Long.class) > 0)
                .one();
    }

    /** Replaces the secret of a live subscription; false when there is none. Pending deliveries are signed with the new one. */
    Mono<Boolean> rotateSecret(UUID id, String secret, Instant now) {
        return db.sql("""
                        UPDATE webhook_subscription SET secret = :secret, secret_rotated_at = :now
                         WHERE subscription_id = :id AND deleted_at IS NULL""")
                .bind("id", id)
                .bind("secret", secret)
                .bind("now", at(now))
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** Whether the subscription exists or existed (its deliveries stay readable after a delete). */
    Mono<Boolean> known(UUID id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE subscription_id = :id) AS known")
                .bind("id", id)
                .map(row -> row.get("known", Boolean.class))
                .one();
    }

    /** The subscription's newest deliveries first. */
    Flux<Delivery> deliveries(UUID id, int limit) {
        return db.sql("""
                        SELECT delivery_id, event_id, event_type, member_id, occurred_at, status, attempts, next_attempt_at,
                               last_attempt_at, last_status_code, last_error, delivered_at
                          FROM webhook_delivery WHERE subscription_id = :id
                         ORDER BY created_at DESC, delivery_id
                         LIMIT :limit""")
                .bind("id", id)
                .bind("limit", limit)
                .map(row -> {
                    String status = row.get("status", String.class);
                    return new Delivery(row.get("delivery_id", UUID.class), row.get("event_id", String.class),
                            row.get("event_type", String.class), row.get("member_id", String.class), instant(row, "occurred_at"), status,
                            row.get("attempts", Integer.class), "PENDING".equals(status) ? instant(row, "next_attempt_at") : null,
                            instant(row, "last_attempt_at"), row.get("last_status_code", Integer.class), row.get("last_error", String.class),
                            instant(row, "delivered_at"));
                })
                .all();
    }

    /** A subscription as listed: no secret. */
    record Subscription(UUID subscriptionId, String url, List<String> events, String description, Instant createdAt,
                        Instant secretRotatedAt) {
    }

    /** A delivery's state: {@code nextAttemptAt} while PENDING, {@code lastStatusCode}/{@code lastError} of the latest attempt. */
    record Delivery(UUID deliveryId, String eventId, String type, String memberId, Instant occurredAt, String status, int attempts,
                    Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt) {
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
