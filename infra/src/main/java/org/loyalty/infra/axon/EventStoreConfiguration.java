package org.loyalty.infra.axon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store, as Axon's Spring Boot auto-configuration builds it (JdbcAutoConfiguration and
 * AxonAutoConfiguration), with three differences: how often it looks for events that other nodes appended,
 * streams that wake the pooled processors when events arrive and space the tracking processors' batches at the
 * head of the store ({@link SignallingEventStore}), and how many of the
 * newest events it keeps in memory for the processors ({@code loyalty.event-store.cached-events}, 2,000 where Axon
 * keeps 10,000: about 25 MB that every young collection copied, bench/NOTES.md item 36).
 *
 * <p>Every processor of a node reads through this one store. After an append on this node it fetches at
 * once; events appended by another node are only seen at its next poll, and Axon polls every second by
 * default. At {@code loyalty.event-store.fetch-delay} (200 ms) a purchase taken by one node reaches the
 * live streams and the read-model segments of the others well within a second, for one cheap indexed
 * query per node five times a second while idle. Declaring the store makes the auto-configuration back
 * off from the storage engine too, so both are declared here; the engine is Axon's with cheaper tracked
 * reads ({@link TrackedReadsStorageEngine}).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** A batch kept for a second reader is dropped after this long (RecentFullBatches): none waits that long in a replay. */
    private static final Duration SHARED_BATCH_MAX_KEPT = Duration.ofSeconds(10);
    /** Only batches of events at least this old are kept: behind the head, not the event store's own reader at it. */
    private static final Duration SHARED_BATCH_MIN_EVENT_AGE = Duration.ofSeconds(10);

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          ObjectProvider<FetchedEventsListener> fetchedEventsListeners,
                                          MeterRegistry meterRegistry,
                                          @Value("${loyalty.event-store.shared-batches:256}") int sharedBatches) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema());
        RecentFullBatches recentBatches = new RecentFullBatches(Math.max(0, sharedBatches), SHARED_BATCH_MAX_KEPT,
                SHARED_BATCH_MIN_EVENT_AGE, () -> GenericEventMessage.clock.instant());
        FunctionCounter.builder("loyalty.event-store.shared-batches", recentBatches, RecentFullBatches::shared)
                .description("Batches of stored events read once and handed to a second reader (a tracking processor's "
                        + "other thread) instead of being read again")
                .register(meterRegistry);
        return new TrackedReadsStorageEngine(builder, TrackedReadsStorageEngine.GapSettings.AXON_DEFAULTS,
                fetchedEventsListeners.orderedStream().toList(), recentBatches);
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${loyalty.event-store.fetch-delay:PT0.2S}") Duration fetchDelay,
                                  @Value("${loyalty.event-store.wake-processors:true}") boolean wakeProcessors,
                                  @Value("${loyalty.event-store.wake-quiet:PT0.05S}") Duration wakeQuiet,
                                  @Value("${loyalty.event-store.tracking-quiet:PT0.025S}") Duration trackingQuiet,
                                  @Value("${loyalty.event-store.cached-events:2000}") int cachedEvents) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .cachedEvents(cachedEvents);
        return wakeProcessors ? new SignallingEventStore(builder, wakeQuiet, trackingQuiet) : builder.build();
    }
}
