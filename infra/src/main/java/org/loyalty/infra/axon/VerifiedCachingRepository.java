package org.loyalty.infra.axon;

import java.util.Objects;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An event-sourced repository that keeps loaded aggregates in memory, and before using a cached one checks that
 * the event store holds no newer event for it.
 *
 * <p>Why: loading a member's account means reading and deserializing every event the member ever caused, which
 * was the largest single cost of a purchase (about 12% of the application's CPU in a profile with only a few dozen
 * events per member, and it grows with every purchase). Axon's caching repository alone would be wrong with several
 * nodes: another node's append leaves this node's copy stale, and a command decided on it (a redemption refused for
 * points the member has by now) would not even be retried, since only appends conflict. So a cached aggregate is
 * used only when its version equals the store's last sequence number for it: one index lookup instead of reading
 * the stream. Otherwise it is dropped and loaded from the events. A command that then fails still evicts it (Axon
 * removes the entry when the unit of work rolls back), and an append that races another node's is refused by the
 * store's unique key, as without the cache.
 */
public final class VerifiedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final BoundedAggregateCache cache;
    private final EventStore eventStore;

    VerifiedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, BoundedAggregateCache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    /** Tells the cache how many events the account it keeps now holds: the cache is bounded by them too. */
    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        Long version = aggregate.version();
        cache.weigh(aggregate.identifierAsString(), version == null ? 0 : version + 1);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (!cache.containsKey(aggregateIdentifier)) {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        EventSourcedAggregate<T> cached = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        // Read for the whole group commit at once when it is one (LastSequenceNumbers), else asked here.
        Long stored = LastSequenceNumbers.prefetched(aggregateIdentifier)
                .orElseGet(() -> eventStore.lastSequenceNumberFor(aggregateIdentifier)).orElse(null);
        if (Objects.equals(cached.version(), stored)) {
            return cached;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
