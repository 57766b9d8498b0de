package org.loyalty.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.loyalty.command.privacy.DataKeyShredder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The members' data keys in {@code member_data_key}, each wrapped (AES-256-GCM) under the master key,
 * with the member id as associated data so a wrapped key moved to another row does not unwrap.
 *
 * <p>A key is created in the transaction of the command that first writes personal data of the member
 * ({@code INSERT ... ON CONFLICT DO NOTHING}, then read back: two nodes creating one at once end up
 * with the same key, the second waits for the first to commit). Erasure overwrites the row with a
 * tombstone (no key, {@code erased_at} set) in the erasing command's transaction: the key is gone
 * for good and nothing new is encrypted for the member again.
 *
 * <p>Keys read from the table are cached in a bounded LRU for {@code ttl}. Another node may therefore
 * go on decrypting an erased member's fields for at most {@code ttl} after the erasure commits, and
 * less in practice: each node forgets the key as soon as any of its processors reads the
 * {@code PersonalDataErased} event (within the event store's fetch delay). A key this transaction
 * created is not cached before it commits, so a rolled-back enrollment never leaves a key behind that
 * no other node has. The cache's age is measured on {@link System#nanoTime()}: it is no business time,
 * and a test moving the application's clock must not age it.
 */
final class JdbcDataKeys implements DataKeys, DataKeyShredder {

    private record Cached(SubjectKey key, long loadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final MasterKey master;
    private final long ttlNanos;
    private final Map<String, Cached> cache;

    JdbcDataKeys(JdbcTemplate jdbc, MasterKey master, Duration ttl, int capacity) {
        this.jdbc = jdbc;
        this.master = master;
        this.ttlNanos = ttl.toNanos();
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public SubjectKey forWriting(String memberId) {
        SubjectKey cached = cached(memberId);
        if (cached instanceof SubjectKey.Live || cached instanceof SubjectKey.Erased) {
            return cached;
        }
        SubjectKey stored = load(memberId);
        if (!(stored instanceof SubjectKey.None)) {
            return stored;
        }
        SecretKey fresh = FieldCipher.newKey();
        int inserted = jdbc.update("""
                INSERT INTO member_data_key (member_id, wrapped_key, master_key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""",
                memberId, FieldCipher.wrap(master.key(), aad(memberId), fresh.getEncoded()), master.id());
        if (inserted == 1) {
            cacheAfterCommit(memberId, new SubjectKey.Live(fresh));
            return new SubjectKey.Live(fresh);
        }
        // The row was there (committed: the insert waited for any other transaction writing it).
        return load(memberId);
    }

    @Override
    public SubjectKey forReading(String memberId) {
        SubjectKey cached = cached(memberId);
        return cached != null ? cached : load(memberId);
    }

    @Override
    public SubjectKey refresh(String memberId) {
        return load(memberId);
    }

    /**
     * Loads, in one query, the keys of those of {@code memberIds} this node does not remember, so that reading
     * a batch of their events costs one round trip instead of one per member. A member with no row is
     * remembered as having no key: the events that name them were committed with any key of theirs. A key
     * remembered meanwhile (an erasure this node just read) is kept, never overwritten by what the query saw.
     */
    void prefetch(Collection<String> memberIds) {
        Set<String> missing = new LinkedHashSet<>();
        for (String memberId : memberIds) {
            if (cached(memberId) == null) {
                missing.add(memberId);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, SubjectKey> found = new HashMap<>();
        jdbc.query("SELECT member_id, wrapped_key, master_key_id, erased_at FROM member_data_key WHERE member_id = ANY(?)",
                row -> {
                    String memberId = row.getString("member_id");
                    found.put(memberId, keyOf(memberId, row.getBytes("wrapped_key"), row.getString("master_key_id"),
                            row.getTimestamp("erased_at") != null));
                }, (Object) missing.toArray(String[]::new));
        long now = System.nanoTime();
        synchronized (cache) {
            for (String memberId : missing) {
                cache.putIfAbsent(memberId, new Cached(found.getOrDefault(memberId, new SubjectKey.None()), now));
            }
        }
    }

    @Override
    public void forgetErased(String memberId) {
        put(memberId, new SubjectKey.Erased());
    }

    /**
     * Destroys the member's key for good (or leaves a tombstone when the member never had one, so that
     * their plaintext from before encryption existed reads as null too).
     */
    @Override
    public void destroy(String memberId, Instant at) {
        jdbc.update("""
                INSERT INTO member_data_key (member_id, wrapped_key, master_key_id, erased_at) VALUES (?, NULL, NULL, ?)
                ON CONFLICT (member_id) DO UPDATE
                   SET wrapped_key = NULL, master_key_id = NULL, erased_at = coalesce(member_data_key.erased_at, EXCLUDED.erased_at)""",
                memberId, Timestamp.from(at));
        synchronized (cache) {
            cache.remove(memberId);
        }
        cacheAfterCommit(memberId, new SubjectKey.Erased());
    }

    private SubjectKey load(String memberId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT wrapped_key, master_key_id, erased_at FROM member_data_key WHERE member_id = ?", memberId);
        SubjectKey key = rows.isEmpty() ? new SubjectKey.None() : keyOf(memberId, (byte[]) rows.get(0).get("wrapped_key"),
                (String) rows.get(0).get("master_key_id"), rows.get(0).get("erased_at") != null);
        put(memberId, key);
        return key;
    }

    /** A stored row's key: a tombstone (erased, or no wrapped key) or the unwrapped key. */
    private SubjectKey keyOf(String memberId, byte[] wrapped, String masterKeyId, boolean erased) {
        return erased || wrapped == null ? new SubjectKey.Erased() : new SubjectKey.Live(unwrap(memberId, wrapped, masterKeyId));
    }

    private SecretKey unwrap(String memberId, byte[] wrapped, String masterKeyId) {
        try {
            return new SecretKeySpec(FieldCipher.unwrap(master.key(), aad(memberId), wrapped), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of member " + memberId + " does not unwrap with master key " + master.id()
                    + " (it was wrapped with " + masterKeyId + "): is loyalty.privacy.master-key the one this database was started with?", e);
        }
    }

    private SubjectKey cached(String memberId) {
        synchronized (cache) {
            Cached entry = cache.get(memberId);
            if (entry == null) {
                return null;
            }
            if (System.nanoTime() - entry.loadedAt() > ttlNanos) {
                cache.remove(memberId);
                return null;
            }
            return entry.key();
        }
    }

    private void put(String memberId, SubjectKey key) {
        synchronized (cache) {
            cache.put(memberId, new Cached(key, System.nanoTime()));
        }
    }

    private void cacheAfterCommit(String memberId, SubjectKey key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            put(memberId, key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                put(memberId, key);
            }
        });
    }

    private static byte[] aad(String memberId) {
        return ("member-data-key:" + memberId).getBytes(StandardCharsets.UTF_8);
    }
}
