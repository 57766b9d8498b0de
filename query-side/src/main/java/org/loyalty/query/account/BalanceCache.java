package org.loyalty.query.account;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.loyalty.api.account.MemberBalance;
import reactor.core.publisher.Mono;

/**
 * The balances this node answered, kept in memory until the rows they came from change or time alone changes
 * them ({@link BalanceSnapshot#validUntil()}). Mobile apps read a balance far more often than a purchase
 * changes it; a kept answer costs no database round trip.
 *
 * <p>How a kept answer is never staler than the read model's own lag. The database notifies every committed change
 * of the balance's tables with the members it touched ({@code V12__balance_change_notifications.sql});
 * {@link BalanceChangeListener} hears them and calls {@link #forget}. A read that misses first puts a marker of
 * its own under the member, then reads the database, then replaces the marker with the answer only if the marker
 * is still there. A change committed after the read's snapshot is notified after that commit, so its {@link #forget}
 * either removes the marker before the answer is put (the answer is not kept) or removes the answer afterwards.
 * While the node is not listening (at start, after a lost connection) nothing is kept and everything kept before is
 * forgotten: a notification may have been missed. {@code maxAge} bounds any answer's life as a last resort.
 */
public final class BalanceCache {

    /** Where a balance comes from when none is kept: {@link AccountReader#balanceSnapshot}. */
    @FunctionalInterface
    interface Source {
        Mono<BalanceSnapshot> read(String memberId, Instant now);
    }

    private final Source reader;
    private final Clock clock;
    private final Duration maxAge;
    private final ConcurrentMap<String, Object> entries;
    private volatile boolean listening;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param maxEntries how many members' answers are kept at most (the least used go first); 0 keeps none: every
     *                   read goes to the database
     * @param maxAge     the longest any answer is kept, whatever the notifications say
     */
    public BalanceCache(AccountReader reader, Clock clock, int maxEntries, Duration maxAge) {
        this(reader::balanceSnapshot, clock, maxEntries, maxAge);
    }

    BalanceCache(Source reader, Clock clock, int maxEntries, Duration maxAge) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("loyalty.accounts.balance-cache.size must be 0 (off) or more (got " + maxEntries + ")");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("loyalty.accounts.balance-cache.max-age must be positive (got " + maxAge + ")");
        }
        this.reader = reader;
        this.clock = clock;
        this.maxAge = maxAge;
        this.entries = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).<String, Object>build().asMap();
    }

    /** Whether answers are kept at all (size above 0). */
    public boolean enabled() {
        return entries != null;
    }

    /** The member's balance now; empty for a member the read model does not know. */
    public Mono<MemberBalance> balance(String memberId) {
        // Deferred: the marker is placed when the read is subscribed to, just before it goes to the database.
        return Mono.defer(() -> balanceAt(memberId, clock.instant()));
    }

    private Mono<MemberBalance> balanceAt(String memberId, Instant now) {
        if (entries == null) {
            return reader.read(memberId, now).map(snapshot -> snapshot.at(now));
        }
        Object entry = entries.get(memberId);
        if (entry instanceof Kept kept && kept.holdsAt(now)) {
            hits.increment();
            return Mono.just(kept.snapshot().at(now));
        }
        misses.increment();
        Loading marker = new Loading();
        boolean marked = entry == null ? entries.putIfAbsent(memberId, marker) == null
                : entry instanceof Kept && entries.replace(memberId, entry, marker);
        // Checked after the marker is placed: a node that stops listening from here on clears the marker.
        if (marked && !listening) {
            entries.remove(memberId, marker);
            marked = false;
        }
        Mono<BalanceSnapshot> read = reader.read(memberId, now);
        if (!marked) {
            return read.map(snapshot -> snapshot.at(now));
        }
        return read
                .doOnNext(snapshot -> entries.replace(memberId, marker, new Kept(snapshot, now.plus(maxAge))))
                .doFinally(signal -> entries.remove(memberId, marker))
                .map(snapshot -> snapshot.at(now));
    }

    /** These members' rows changed (committed): their kept answers, and reads under way, are not kept. */
    public void forget(Collection<String> memberIds) {
        if (entries != null) {
            memberIds.forEach(entries::remove);
        }
    }

    /** Everything may have changed (a table was emptied). */
    public void forgetAll() {
        if (entries != null) {
            entries.clear();
        }
    }

    /**
     * Whether every committed change is being heard from now on. Either way everything kept is forgotten: when
     * listening starts, changes made before it were not heard; when it stops, changes will not be.
     */
    public void listening(boolean heard) {
        if (!heard) {
            listening = false;
        }
        forgetAll();
        if (heard) {
            listening = true;
        }
    }

    public boolean isListening() {
        return listening;
    }

    /** Reads answered from memory. */
    public long hits() {
        return hits.sum();
    }

    /** Reads that went to the database. */
    public long misses() {
        return misses.sum();
    }

    /** Members whose answers are kept now (reads under way included). */
    public long size() {
        return entries == null ? 0 : entries.size();
    }

    private record Kept(BalanceSnapshot snapshot, Instant expiresAt) {
        boolean holdsAt(Instant now) {
            return snapshot.holdsAt(now) && now.isBefore(expiresAt);
        }
    }

    /** One read under way; compared by identity. */
    private static final class Loading {
    }
}
