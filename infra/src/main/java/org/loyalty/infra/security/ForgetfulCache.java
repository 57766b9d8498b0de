package org.loyalty.infra.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A concurrent cache that forgets everything at once when it is full, for answers that are cheap to compute again
 * (a verified token, a caller, a checked API key, a rate bucket). Simpler than an LRU, and a full cache is
 * rare: its capacity is far above the number of clients a node serves at once.
 */
public final class ForgetfulCache<K, V> {

    private final int capacity;
    private final Map<K, V> entries = new ConcurrentHashMap<>();

    public ForgetfulCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public V get(K key) {
        return entries.get(key);
    }

    public void put(K key, V value) {
        makeRoomFor(key);
        entries.put(key, value);
    }

    public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V known = entries.get(key);
        if (known != null) {
            return known;
        }
        makeRoomFor(key);
        return entries.computeIfAbsent(key, compute);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void removeIf(Predicate<? super K> keyMatches) {
        entries.keySet().removeIf(keyMatches);
    }

    int size() {
        return entries.size();
    }

    private void makeRoomFor(K key) {
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            entries.clear();
        }
    }
}
