package org.loyalty.infra.security.apikey;

import static org.loyalty.query.Rows.instant;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyalty.infra.security.Caller;
import org.loyalty.infra.security.ForgetfulCache;
import org.loyalty.infra.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * POS API keys in {@code pos_api_key}: issued, rotated and revoked by admins, checked on every till request.
 * A checked key is remembered for {@code cacheTtl}, so that a busy till costs no query per purchase; a
 * revocation or the end of a rotation's grace therefore takes effect on every node within that time.
 */
public class ApiKeys {

    private static final int MAX_CACHED = 10_000;

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration rotationGrace;
    // Rarely full (one entry per key and secret); forgetting everything only costs queries.
    private final ForgetfulCache<String, Checked> checked = new ForgetfulCache<>(MAX_CACHED);

    public ApiKeys(DatabaseClient db, Clock clock, Duration cacheTtl, Duration rotationGrace) {
        this.db = db;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
        this.rotationGrace = rotationGrace;
    }

    /** The till a presented key belongs to, or empty when the key is unknown, revoked or rotated out. */
    public Mono<Caller> authenticate(String presented) {
        ApiKeySecret key = ApiKeySecret.parse(presented).orElse(null);
        if (key == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        String cacheKey = key.keyId() + ":" + key.hash();
        Checked cached = checked.get(cacheKey);
        if (cached != null && cached.until().isAfter(now)) {
            return Mono.justOrEmpty(cached.caller());
        }
        return db.sql("""
                        SELECT key_id, store_ids, secret_hash, previous_secret_hash, previous_valid_until, revoked_at
                          FROM pos_api_key WHERE key_id = :id""")
                .bind("id", key.keyId())
                .map(row -> callerIfValid(key, row, now))
                .one()
                .defaultIfEmpty(Optional.empty())
                .doOnNext(caller -> checked.put(cacheKey, new Checked(caller.orElse(null), now.plus(cacheTtl))))
                .flatMap(Mono::justOrEmpty);
    }

    private static Optional<Caller> callerIfValid(ApiKeySecret key, Readable row, Instant now) {
        if (row.get("revoked_at", OffsetDateTime.class) != null) {
            return Optional.empty();
        }
        Instant previousUntil = instant(row, "previous_valid_until");
        boolean current = key.matches(row.get("secret_hash", String.class));
        boolean previous = previousUntil != null && previousUntil.isAfter(now) && key.matches(row.get("previous_secret_hash", String.class));
        if (!current && !previous) {
            return Optional.empty();
        }
        return Optional.of(new Caller("api-key:" + key.keyId(), Set.of(Role.POS), null, Set.of(row.get("store_ids", String[].class))));
    }

    /** A new key for the stores; the only time its secret is shown. */
    public Mono<IssuedKey> issue(String name, List<String> storeIds) {
        ApiKeySecret key = ApiKeySecret.generate();
        Instant now = clock.instant();
        return db.sql("""
                        INSERT INTO pos_api_key (key_id, name, store_ids, secret_hash, created_at)
                        VALUES (:id, :name, :stores, :hash, :now)""")
                .bind("id", key.keyId())
                .bind("name", name)
                .bind("stores", storeIds.toArray(String[]::new))
                .bind("hash", key.hash())
                .bind("now", at(now))
                .then()
                .thenReturn(new IssuedKey(key.keyId(), key.text(), name, storeIds, now, null));
    }

    /**
     * A new secret for a live key; the previous one keeps working for the rotation grace (a rotation during an
     * earlier grace ends that one). Empty when there is no such live key.
     */
    public Mono<IssuedKey> rotate(String keyId) {
        ApiKeySecret key = new ApiKeySecret(keyId, null).rotated();
        Instant now = clock.instant();
        return db.sql("""
                        UPDATE pos_api_key
                           SET previous_secret_hash = secret_hash, previous_valid_until = :graceEnd, secret_hash = :hash, rotated_at = :now
                         WHERE key_id = :id AND revoked_at IS NULL
                        RETURNING name, store_ids, created_at""")
                .bind("id", keyId)
                .bind("hash", key.hash())
                .bind("graceEnd", at(now.plus(rotationGrace)))
                .bind("now", at(now))
                .map(row -> new IssuedKey(keyId, key.text(), row.get("name", String.class), List.of(row.get("store_ids", String[].class)),
                        instant(row, "created_at"), now.plus(rotationGrace)))
                .one();
    }

    /** Revokes a live key at once (on this node; on the others within the cache time). False when there is none. */
    public Mono<Boolean> revoke(String keyId) {
        return db.sql("UPDATE pos_api_key SET revoked_at = :now WHERE key_id = :id AND revoked_at IS NULL")
                .bind("id", keyId)
                .bind("now", at(clock.instant()))
                .fetch().rowsUpdated()
                .map(updated -> updated > 0)
                .doOnNext(revoked -> checked.removeIf(cacheKey -> cacheKey.startsWith(keyId + ":")));
    }

    /** Every key, live and revoked, without secrets. */
    public Flux<ListedKey> list() {
        return db.sql("""
                        SELECT key_id, name, store_ids, created_at, rotated_at, previous_valid_until, revoked_at
                          FROM pos_api_key ORDER BY created_at, key_id""")
                .map(row -> new ListedKey(row.get("key_id", String.class), row.get("name", String.class),
                        List.of(row.get("store_ids", String[].class)), instant(row, "created_at"), instant(row, "rotated_at"),
                        instant(row, "previous_valid_until"), instant(row, "revoked_at")))
                .all();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }


    private record Checked(Caller caller, Instant until) {
    }

    /** A key as issued or rotated: {@code key} is the secret text, shown this once. */
    public record IssuedKey(String keyId, String key, String name, List<String> storeIds, Instant createdAt, Instant previousKeyValidUntil) {
    }

    /** A key as listed: never its secret. */
    public record ListedKey(String keyId, String name, List<String> storeIds, Instant createdAt, Instant rotatedAt,
                            Instant previousKeyValidUntil, Instant revokedAt) {
    }
}
