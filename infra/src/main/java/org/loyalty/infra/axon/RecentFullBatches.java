package org.loyalty.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Full batches of stored events one reader fetched lately, kept for the next reader that asks for the same batch.
 *
 * <p>Why: a tracking processor's threads each read the whole store and keep only their segment's events, so a
 * replay on two segments read every event twice (half of the database's time for the replay's reads, and the rows'
 * decoding on the node; bench/NOTES.md item 62). Both threads start at the same token and fetch in batches of the
 * same size, so they ask for the same batches in the same order; whichever asks first reads the store, the other
 * takes the batch from here. A batch is handed out once and then forgotten, so one lives only as long as the
 * second reader runs behind the first.
 *
 * <p>Only full batches of events older than {@code minEventAge} are kept: those are read behind the head (a replay, a
 * processor catching up), where nothing is left to arrive between the two reads. At the head each reader fetches its
 * own, as before: the event store's one reader there (it serves every processor that is up to date) reads full
 * batches too when purchases come faster than it reads, and keeping those would hold seconds of events in memory for
 * no second reader. A batch holds the tokens its reader built (gaps included), which are what the second reader would
 * have built from the same rows. At most {@code capacity} batches are kept, and none longer than {@code maxKept}: a
 * batch no second reader asks for is dropped.
 */
final class RecentFullBatches {

    /** What a batch was fetched for: the token read after (null: the start of the store) and the batch size. */
    private record Key(TrackingToken after, int batchSize) {
    }

    private record Kept(List<? extends TrackedEventData<?>> batch, long keptAtMillis) {
    }

    private final int capacity;
    private final long maxKeptMillis;
    private final Duration minEventAge;
    private final Supplier<Instant> clock;
    private final Map<Key, Kept> batches = new LinkedHashMap<>();
    private long shared;

    /** @param clock the time events are stamped with (Axon's), for their age and for how long a batch is kept */
    RecentFullBatches(int capacity, Duration maxKept, Duration minEventAge, Supplier<Instant> clock) {
        this.capacity = capacity;
        this.maxKeptMillis = maxKept.toMillis();
        this.minEventAge = minEventAge;
        this.clock = clock;
    }

    /** The batch another reader fetched after {@code token}, now forgotten; null when there is none. */
    synchronized List<? extends TrackedEventData<?>> take(TrackingToken token, int batchSize) {
        if (capacity == 0 || batches.isEmpty()) {
            return null;
        }
        Kept kept = batches.remove(new Key(token, batchSize));
        if (kept == null || clock.get().toEpochMilli() - kept.keptAtMillis() > maxKeptMillis) {
            return null;
        }
        shared++;
        return kept.batch();
    }

    /** Keeps {@code batch}, fetched after {@code token}, if it is full and behind the head. */
    synchronized void offer(TrackingToken token, int batchSize, List<? extends TrackedEventData<?>> batch) {
        if (capacity == 0 || batch.size() != batchSize) {
            return;
        }
        Instant newest = batch.get(batch.size() - 1).getTimestamp();
        Instant now = clock.get();
        if (newest.isAfter(now.minus(minEventAge))) {
            return;
        }
        long nowMillis = now.toEpochMilli();
        Key key = new Key(token, batchSize);
        batches.remove(key); // a batch fetched again goes to the end, where the newest are
        batches.put(key, new Kept(batch, nowMillis));
        Iterator<Kept> oldestFirst = batches.values().iterator();
        while (oldestFirst.hasNext()) {
            Kept oldest = oldestFirst.next();
            if (batches.size() <= capacity && nowMillis - oldest.keptAtMillis() <= maxKeptMillis) {
                break;
            }
            oldestFirst.remove();
        }
    }

    /** How many batches were handed to a second reader (a meter). */
    synchronized long shared() {
        return shared;
    }

    synchronized int size() {
        return batches.size();
    }
}
