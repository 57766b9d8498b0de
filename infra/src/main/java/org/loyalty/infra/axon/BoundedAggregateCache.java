package org.loyalty.infra.axon;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate {@link Cache} as a least-recently-used map of at most {@code capacity} entries and at most
 * {@code maxEvents} events' worth of aggregates. Axon ships a weak reference cache (emptied by every garbage
 * collection, so a member buying every few minutes would miss it) and adapters for Ehcache and JCache (another
 * dependency for a map). Entry listeners are not offered: the aggregate repository does not use them.
 *
 * <p>Why events as well as entries: an account in memory holds what its history left (each purchase's lines for
 * returns, its receipt for retries, its points bucket), about 230 bytes an event. Counting entries alone, 20,000
 * accounts with long histories outgrew a 1 GB heap in minutes and the collector took the CPU (bench/NOTES.md item
 * 33). {@link VerifiedCachingRepository} tells the cache each account's event count ({@link #weigh}) after every
 * command; the least recently used accounts go until both bounds hold.
 */
final class BoundedAggregateCache implements Cache {

    /**
     * What an event of an account takes in memory, with room for the account's fixed part: heap histograms measured
     * about 230 bytes (690 a purchase of three events) since the accounts keep purchases compactly (bench/NOTES.md
     * item 42; 415 bytes before it, about 600 when item 33 first measured it). An account loaded from its events
     * rather than kept since its commands holds its own copies of its transaction ids and times: by estimate about
     * 30 bytes an event more, still inside the 300.
     */
    static final long BYTES_PER_EVENT = 300;

    private final Map<Object, Object> entries;
    private final Map<Object, Long> weights = new HashMap<>();
    private final long maxEvents;
    private long events;

    BoundedAggregateCache(int capacity, long maxEvents) {
        if (capacity < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("capacity and maxEvents must be at least 1");
        }
        this.maxEvents = maxEvents;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() > capacity) {
                    forgetWeight(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** The events' worth the cache holds at most when {@code share} of a heap of {@code maxHeapBytes} is given to it. */
    static long eventsFor(long maxHeapBytes, double share) {
        return Math.max(1, (long) (maxHeapBytes * share / BYTES_PER_EVENT));
    }

    /** Records that the aggregate under {@code key} now holds {@code eventCount} events; evicts until within bounds. */
    synchronized void weigh(Object key, long eventCount) {
        if (!entries.containsKey(key)) {
            return;
        }
        events += eventCount - weights.getOrDefault(key, 0L);
        weights.put(key, eventCount);
        var eldest = entries.keySet().iterator();
        while (events > maxEvents && eldest.hasNext()) {
            Object victim = eldest.next();
            if (!victim.equals(key) || entries.size() == 1) {
                eldest.remove();
                forgetWeight(victim);
            }
        }
    }

    synchronized long events() {
        return events;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public synchronized void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean remove(Object key) {
        forgetWeight(key);
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
        weights.clear();
        events = 0;
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    synchronized int size() {
        return entries.size();
    }

    private void forgetWeight(Object key) {
        Long weight = weights.remove(key);
        if (weight != null) {
            events -= weight;
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("BoundedAggregateCache has no entry listeners");
    }
}
