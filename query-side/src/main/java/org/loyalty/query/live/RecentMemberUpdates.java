package org.loyalty.query.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import org.loyalty.api.account.MemberUpdate;

/**
 * The newest balance and tier update of each member that this node's {@link MemberUpdatePublisher} saw in
 * the last {@code ttl} (at most {@code capacity} members, the least recently changed dropped first).
 *
 * <p>It closes the one gap between a stream's first value and its updates. The first value comes from the
 * read model, which another processor writes and which may trail the live processor by up to its polling
 * interval. An update emitted before the stream subscribed is lost to that stream, and the read model may
 * not have it yet either; it is here, because the publisher records an update before it emits it.
 */
public class RecentMemberUpdates {

    private record Entry(MemberUpdate balance, MemberUpdate tier, long recordedAt) {
    }

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public RecentMemberUpdates(int capacity, Duration ttl) {
        this(capacity, ttl, System::nanoTime);
    }

    RecentMemberUpdates(int capacity, Duration ttl, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Keeps a balance or tier update of a member's account stream; offers and events of other streams are not kept. */
    public synchronized void record(MemberUpdate update) {
        if (update.sequence() == null || update.kind() == MemberUpdate.Kind.OFFER) {
            return;
        }
        long now = nanoTime.getAsLong();
        // Removed and put back: the map stays ordered by the time of each member's last update.
        Entry previous = entries.remove(update.memberId());
        MemberUpdate balance = previous == null ? null : previous.balance();
        MemberUpdate tier = previous == null ? null : previous.tier();
        if (update.kind() == MemberUpdate.Kind.BALANCE) {
            balance = newer(balance, update);
        } else {
            tier = newer(tier, update);
        }
        entries.put(update.memberId(), new Entry(balance, tier, now));
        for (Iterator<Entry> oldest = entries.values().iterator(); oldest.hasNext(); ) {
            Entry entry = oldest.next();
            if (entries.size() <= capacity && now - entry.recordedAt() <= ttlNanos) {
                break;
            }
            oldest.remove();
        }
    }

    /**
     * The member's state as the read model has it ({@code current}, whose sequence is the newest account event
     * the read model is known to hold), with the balance and tier of any newer update seen here.
     */
    public synchronized MemberUpdate newest(MemberUpdate current) {
        Entry entry = entries.get(current.memberId());
        if (entry == null || nanoTime.getAsLong() - entry.recordedAt() > ttlNanos) {
            return current;
        }
        long readModel = current.sequence();
        long sequence = readModel;
        long balance = current.balance();
        String tier = current.tier();
        Instant tierValidUntil = current.tierValidUntil();
        Instant at = current.at();
        if (entry.balance() != null && entry.balance().sequence() > readModel) {
            balance = entry.balance().balance();
            sequence = Math.max(sequence, entry.balance().sequence());
            at = later(at, entry.balance().at());
        }
        if (entry.tier() != null && entry.tier().sequence() > readModel) {
            tier = entry.tier().tier();
            tierValidUntil = entry.tier().tierValidUntil();
            sequence = Math.max(sequence, entry.tier().sequence());
            at = later(at, entry.tier().at());
        }
        return sequence == readModel ? current : MemberUpdate.current(current.memberId(), sequence, balance, tier, tierValidUntil, at);
    }

    synchronized int size() {
        return entries.size();
    }

    private static MemberUpdate newer(MemberUpdate kept, MemberUpdate update) {
        return kept == null || update.sequence() > kept.sequence() ? update : kept;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
