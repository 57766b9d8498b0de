package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cache keeps at most its number of entries and its number of events, dropping the least recently used first. */
class BoundedAggregateCacheTest {

    @Test
    void theLeastRecentlyUsedEntryGoesBeyondTheCapacity() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2, 1_000);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.get("a");
        cache.put("c", "C");

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }

    @Test
    void theLeastRecentlyUsedEntriesGoWhenTheEventsTheyHoldExceedTheBound() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, 100);
        keep(cache, "a", "A", 40);
        keep(cache, "b", "B", 40);
        cache.get("a");
        keep(cache, "c", "C", 30);

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.events()).isEqualTo(70);

        // An account that grows is weighed again: its new count replaces the old one.
        keep(cache, "a", "A2", 60);
        assertThat(cache.events()).isEqualTo(90);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anAccountLargerThanTheWholeBoundIsNotKept() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, 100);
        keep(cache, "small", "S", 10);
        keep(cache, "huge", "H", 150);

        assertThat(cache.size()).isZero();
        assertThat(cache.events()).isZero();
    }

    @Test
    void removedEntriesGiveBackTheirEventsAndUnknownKeysWeighNothing() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, 100);
        keep(cache, "a", "A", 50);
        cache.weigh("never-put", 80);
        cache.remove("a");
        assertThat(cache.events()).isZero();

        keep(cache, "b", "B", 20);
        cache.put("c", "C");
        cache.put("d", "D");
        cache.removeAll();
        assertThat(cache.events()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theDefaultBoundIsAShareOfTheHeapAtThreeHundredBytesAnEvent() {
        assertThat(BoundedAggregateCache.eventsFor(1L << 30, 0.4)).isEqualTo(1_431_655L);
        assertThatThrownBy(() -> new BoundedAggregateCache(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What the repository does after a command: the entry put, then its event count told. */
    private static void keep(BoundedAggregateCache cache, String key, String value, long events) {
        cache.put(key, value);
        cache.weigh(key, events);
    }
}
