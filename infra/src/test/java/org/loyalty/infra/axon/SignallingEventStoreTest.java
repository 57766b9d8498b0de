package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignallingEventStoreTest {

    private final SignallingEventStore store = new SignallingEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .fetchDelay(50), Duration.ofMillis(20), Duration.ZERO);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aStreamOffersTheCallbackAndRunsItWhenAnEventIsAppended() throws InterruptedException {
        CountDownLatch woken = new CountDownLatch(1);
        try (TrackingEventStream stream = store.openStream(null)) {
            assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();

            store.publish(GenericEventMessage.asEventMessage("purchase recorded"));

            assertThat(woken.await(10, TimeUnit.SECONDS)).as("callback ran after the append").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("purchase recorded");
        }
    }

    @Test
    void closingAStreamForgetsItsCallback() {
        TrackingEventStream first = store.openStream(null);
        TrackingEventStream second = store.openStream(null);
        first.setOnAvailableCallback(() -> { });
        second.setOnAvailableCallback(() -> { });
        second.setOnAvailableCallback(() -> { });   // replaces, does not add
        assertThat(store.arrivalListenerCount()).isEqualTo(2);

        first.close();
        second.close();

        assertThat(store.arrivalListenerCount()).isZero();
    }

    @Test
    void anIdlePooledProcessorHandlesANewEventWithoutWaitingForItsOwnNextLook() throws InterruptedException {
        List<Object> handled = new CopyOnWriteArrayList<>();
        CountDownLatch twoHandled = new CountDownLatch(2);
        // Its own delayed looks (token claims, claim extensions) are a minute apart: only the callback can wake it
        // within the test's wait once it has gone idle.
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("signalled")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((EventMessageHandler) (EventMessage<?> event) -> {
                            handled.add(event.getPayload());
                            twoHandled.countDown();
                            return null;
                        })
                        .build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newScheduledThreadPool(1))
                .initialSegmentCount(1)
                .tokenClaimInterval(60_000)
                .claimExtensionThreshold(60_000)
                .build();
        processor.start();
        try {
            store.publish(GenericEventMessage.asEventMessage("first"));
            waitUntilHandled(handled, 1);
            Thread.sleep(700);   // past the 500 ms the coordinator would otherwise sleep: it is idle now

            store.publish(GenericEventMessage.asEventMessage("second"));

            assertThat(twoHandled.await(10, TimeUnit.SECONDS)).as("second event handled").isTrue();
            assertThat(handled).containsExactly("first", "second");
        } finally {
            processor.shutDown();
        }
    }

    @Test
    void aTrackingProcessorThatCaughtUpTakesWhatArrivesWithinTheQuietTimeInOneBatch() throws InterruptedException {
        SignallingEventStore paced = pacedStore(Duration.ofSeconds(1));
        Map<Object, UnitOfWork<?>> batchOf = new ConcurrentHashMap<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(3);
        TrackingEventProcessor processor = trackingProcessor(paced, batchOf, first, all);
        processor.start();
        try {
            paced.publish(GenericEventMessage.asEventMessage("first"));
            assertThat(first.await(10, TimeUnit.SECONDS)).as("first event handled").isTrue();

            // Without pacing the processor would start its next batch with "second" alone, as soon as it arrives.
            paced.publish(GenericEventMessage.asEventMessage("second"));
            paced.publish(GenericEventMessage.asEventMessage("third"));

            assertThat(all.await(10, TimeUnit.SECONDS)).as("all three handled").isTrue();
            assertThat(batchOf.get("second")).isSameAs(batchOf.get("third")).isNotSameAs(batchOf.get("first"));
        } finally {
            processor.shutDown();
            paced.shutDown();
        }
    }

    @Test
    void aTrackingProcessorBehindTheHeadIsNotHeldBack() throws InterruptedException {
        // A minute's quiet: a backlog paced batch by batch would not be handled within the wait below.
        SignallingEventStore paced = pacedStore(Duration.ofMinutes(1));
        Map<Object, UnitOfWork<?>> batchOf = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(250);
        for (int i = 0; i < 250; i++) {
            paced.publish(GenericEventMessage.asEventMessage("event " + i));
        }
        TrackingEventProcessor processor = trackingProcessor(paced, batchOf, new CountDownLatch(1), all);
        processor.start();
        try {
            assertThat(all.await(30, TimeUnit.SECONDS)).as("the backlog handled without waiting").isTrue();
            assertThat(batchOf.values().stream().distinct().count()).as("batches of at most 100").isGreaterThanOrEqualTo(3);
        } finally {
            processor.shutDown();
            paced.shutDown();
        }
    }

    @Test
    void aNegativeQuietTimeForTheTrackingProcessorsIsRefusedAtStart() {
        assertThatThrownBy(() -> pacedStore(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loyalty.event-store.tracking-quiet must not be negative");
    }

    private static SignallingEventStore pacedStore(Duration trackingQuiet) {
        return new SignallingEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).fetchDelay(50),
                Duration.ofMillis(20), trackingQuiet);
    }

    /** A single-threaded tracking processor (batches of 100) that notes each event's unit of work: one per batch. */
    private static TrackingEventProcessor trackingProcessor(SignallingEventStore source, Map<Object, UnitOfWork<?>> batchOf,
                                                            CountDownLatch first, CountDownLatch all) {
        return TrackingEventProcessor.builder()
                .name("paced")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((EventMessageHandler) (EventMessage<?> event) -> {
                            batchOf.put(event.getPayload(), CurrentUnitOfWork.get());
                            first.countDown();
                            all.countDown();
                            return null;
                        })
                        .build())
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                .build();
    }

    private static void waitUntilHandled(List<Object> handled, int count) throws InterruptedException {
        for (int i = 0; i < 200 && handled.size() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(handled).hasSize(count);
    }
}
