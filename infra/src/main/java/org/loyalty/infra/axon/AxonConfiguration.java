package org.loyalty.infra.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.springboot.EventProcessorProperties;
import org.loyalty.command.account.MemberAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;

/** Axon wiring that Spring Boot's Axon starter leaves to the application. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AxonConfiguration.class);
    /** The share of the maximum heap the cached accounts may take unless loyalty.accounts.cache-events says otherwise. */
    static final double CACHE_HEAP_SHARE = 0.4;

    /** Jackson 2 for events, commands and tokens (the web layer uses Spring Boot's Jackson 3 separately). */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // Registered after the JavaTimeModule, so it reads the instants (and hands it what it does not read).
                .registerModule(new SimpleModule("instant-text").addDeserializer(Instant.class, new InstantTextDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Old events must stay readable after a field is added to a record.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Axon's event processing module with the streaming processors' per-event handler checks asked once
     * ({@link FixedHandlersInvoker}); takes the place of the one Axon's auto-configuration would make.
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new FixedHandlersProcessingModule();
    }

    /**
     * PostgreSQL reports a duplicate key by SQL state 23505, not by vendor code, so Axon's default
     * resolver misses it. Recognised, a second node appending the same sequence number to an account
     * raises a ConcurrencyException, which the gateway retries, instead of an unexplained failure.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Accounts kept in memory between commands, checked against the store before use (VerifiedCachingRepository):
     * at most {@code cache-size} of them, and at most {@code cache-events} events' worth, by default as many as
     * {@value #CACHE_HEAP_SHARE} of the maximum heap holds ({@link BoundedAggregateCache#BYTES_PER_EVENT} an event).
     */
    @Bean
    EventSourcingRepository<MemberAccount> memberAccountRepository(EventStore eventStore,
                                                                   @Value("${loyalty.accounts.cache-size:20000}") int cacheSize,
                                                                   @Value("${loyalty.accounts.cache-events:0}") long cacheEvents) {
        EventSourcingRepository.Builder<MemberAccount> builder = EventSourcingRepository.builder(MemberAccount.class).eventStore(eventStore);
        if (cacheSize < 0) {
            throw new IllegalArgumentException("loyalty.accounts.cache-size must be 0 (off) or more");
        }
        if (cacheEvents < 0) {
            throw new IllegalArgumentException("loyalty.accounts.cache-events must be 0 (a share of the heap) or more");
        }
        if (cacheSize == 0) {
            return builder.build();
        }
        long events = cacheEvents > 0 ? cacheEvents : BoundedAggregateCache.eventsFor(Runtime.getRuntime().maxMemory(), CACHE_HEAP_SHARE);
        log.info("Keeping at most {} member accounts and {} of their events in memory", cacheSize, events);
        return new VerifiedCachingRepository<>(builder, eventStore, new BoundedAggregateCache(cacheSize, events));
    }

    /**
     * Retries a command only when it lost an optimistic-locking race (two nodes appending to the same
     * account, or two commands starting the same stream, as a member's first two interactions at once
     * do) or hit a transient database fault. Domain rejections fail at once.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        RetryScheduler retryScheduler = new IntervalRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .retryInterval(25)
                .maxRetryCount(10)) {
            @Override
            protected boolean isExplicitlyNonTransient(Throwable failure) {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                            || t instanceof TransientDataAccessException) {
                        return false;
                    }
                }
                return true;
            }
        };
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler).build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, new AxonThreadFactory("command-retry"));
    }

    /** Before any processor starts, and after Flyway has made the token table ({@link TrackingSegmentCoverage}). */
    @Bean
    SmartInitializingSingleton trackingSegmentCoverage(EventProcessorProperties processors, TokenStore tokenStore) {
        return () -> TrackingSegmentCoverage.verify(processors, tokenStore);
    }

    /** Axon's command bus, event store and processor meters, on the registry that Actuator exports. */
    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry meterRegistry) {
        return new GlobalMetricRegistry(meterRegistry);
    }

    /** Axon's meters, without the event processors' per-message timers unless asked for ({@link AxonMeters}). */
    @Bean
    MetricsConfigurerModule axonMetrics(GlobalMetricRegistry axonMetricRegistry, MeterRegistry meterRegistry,
                                        @Value("${loyalty.metrics.event-processor-timers:false}") boolean eventProcessorTimers) {
        return new AxonMeters(axonMetricRegistry, meterRegistry, eventProcessorTimers);
    }
}
