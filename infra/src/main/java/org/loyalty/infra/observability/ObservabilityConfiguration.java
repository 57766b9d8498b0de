package org.loyalty.infra.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.loyalty.infra.web.Commands;
import org.loyalty.infra.web.CorrelationId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Business meters, processor lag and the request correlation id on commands, events and log lines. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    BusinessMetrics businessMetrics(MeterRegistry registry) {
        return new BusinessMetrics(registry);
    }

    /** Starts at the head of the event store (counts from deployment on, never the history); see {@link BusinessMetrics}. */
    @Bean
    ConfigurerModule businessMetricsProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(BusinessMetrics.PROCESSING_GROUP,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(BusinessMetrics.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    /** Every event processor logs with the correlation id of the request behind the event, when there is one. */
    @Bean
    ConfigurerModule correlationIdInEventHandlerLogs() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processorName) -> new CorrelationIdMdcInterceptor());
    }

    @Bean
    ProcessorLag processorLag(JdbcTemplate jdbc, Serializer serializer, EventProcessingConfiguration processing) {
        return new ProcessorLag(jdbc, serializer, processing);
    }

    /**
     * Axon's default (declared here because declaring any provider makes Axon's auto-configuration drop it):
     * {@code correlationId} and {@code traceId} of the causing message.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Copies the HTTP request's correlation id from a command to the events it produces (and on to their consequences). */
    @Bean
    CorrelationDataProvider requestIdCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CorrelationId.METADATA_KEY);
    }

    /** Copies who sent a command (see {@link Commands#CALLER_METADATA_KEY}) to the events it produces. */
    @Bean
    CorrelationDataProvider callerCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Commands.CALLER_METADATA_KEY);
    }
}
