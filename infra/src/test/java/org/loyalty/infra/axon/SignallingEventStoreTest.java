package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignallingEventStoreTest {

    private final SignallingEventStore store = new SignallingEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .fetchDelay(50), Duration.ofMillis(20));

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

    private static void waitUntilHandled(List<Object> handled, int count) throws InterruptedException {
        for (int i = 0; i < 200 && handled.size() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(handled).hasSize(count);
    }
}
