package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two repositories over one event store stand for two nodes sharing a database. */
class VerifiedCachingRepositoryTest {

    private final AtomicInteger streamReads = new AtomicInteger();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine() {
        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            streamReads.incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        // The JDBC engine answers this with one index lookup; this engine would read the stream, which is not counted.
        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return super.readEvents(aggregateIdentifier, 0).asStream().map(e -> e.getSequenceNumber()).max(Long::compare);
        }
    }).build();
    private final VerifiedCachingRepository<Counter> nodeA = repository();
    private final VerifiedCachingRepository<Counter> nodeB = repository();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aCachedAggregateIsUsedWithoutReadingItsEventsAgain() {
        create(nodeA, "m1");
        increment(nodeA, "m1");
        int readsBefore = streamReads.get();

        assertThat(increment(nodeA, "m1")).isEqualTo(3);
        assertThat(count(nodeA, "m1")).isEqualTo(3);

        assertThat(streamReads.get()).as("events read from the store").isEqualTo(readsBefore);
    }

    @Test
    void anotherNodesAppendMakesTheCachedCopyStaleAndItIsLoadedAgain() {
        create(nodeA, "m1");
        assertThat(count(nodeA, "m1")).isEqualTo(1);   // cached on A at version 0

        assertThat(increment(nodeB, "m1")).isEqualTo(2);
        assertThat(increment(nodeB, "m1")).isEqualTo(3);

        assertThat(count(nodeA, "m1")).as("A sees B's events").isEqualTo(3);
        assertThat(increment(nodeA, "m1")).isEqualTo(4);
        assertThat(count(nodeB, "m1")).isEqualTo(4);
    }

    @Test
    void aFailedCommandLeavesNoChangedCopyBehind() {
        create(nodeA, "m1");
        assertThatThrownBy(() -> inUnitOfWork(() -> nodeA.load("m1").invoke(counter -> {
            apply(new Counted("m1", counter.count + 1));
            throw new IllegalStateException("refused after the change");
        }))).hasMessageContaining("refused");

        assertThat(count(nodeA, "m1")).isEqualTo(1);
    }

    @Test
    void accountsBeyondTheCachesEventBoundAreLoadedFromTheirEventsAgain() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, 5);
        VerifiedCachingRepository<Counter> node = new VerifiedCachingRepository<>(EventSourcingRepository.builder(Counter.class), store, cache);
        create(node, "m1");
        increment(node, "m1");
        increment(node, "m1");                          // m1: 3 events
        create(node, "m2");
        increment(node, "m2");                          // m2: 2 events, 5 in all
        assertThat(cache.events()).isEqualTo(5);

        increment(node, "m2");                          // 6 events: m1, the least recently used, goes
        assertThat(cache.containsKey("m1")).isFalse();
        assertThat(cache.events()).isEqualTo(3);

        int readsBefore = streamReads.get();
        assertThat(count(node, "m1")).isEqualTo(3);
        assertThat(streamReads.get()).as("m1 read from the store").isEqualTo(readsBefore + 1);
    }

    private VerifiedCachingRepository<Counter> repository() {
        return new VerifiedCachingRepository<>(EventSourcingRepository.builder(Counter.class), store, new BoundedAggregateCache(10, 1_000));
    }

    private static void create(VerifiedCachingRepository<Counter> repository, String id) {
        inUnitOfWork(() -> {
            try {
                return repository.newInstance(() -> {
                    apply(new Counted(id, 1));
                    return new Counter();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long increment(VerifiedCachingRepository<Counter> repository, String id) {
        return inUnitOfWork(() -> repository.load(id).invoke(counter -> {
            apply(new Counted(id, counter.count + 1));
            return counter.count;
        }));
    }

    private static long count(VerifiedCachingRepository<Counter> repository, String id) {
        return inUnitOfWork(() -> repository.load(id).invoke(counter -> counter.count));
    }

    private static <R> R inUnitOfWork(Supplier<R> work) {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work::get);
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException e ? e : new IllegalStateException(result.exceptionResult());
        }
        return result.getPayload();
    }

    record Counted(String id, long count) {
    }

    static class Counter {

        @AggregateIdentifier
        private String id;
        private long count;

        Counter() {
        }

        @EventSourcingHandler
        void on(Counted event) {
            id = event.id();
            count = event.count();
        }
    }
}
