package org.loyalty.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import javax.annotation.Nonnull;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * Axon's meters, under the names and tags its {@code GlobalMetricRegistry} gives them (by payload type, and by
 * processor), except that event processors get only the message counters ({@code eventProcessor_processedCounter_total},
 * ...) and the latency gauge ({@code eventProcessor_latency}), not the per-message timers and capacity gauge.
 *
 * <p>Why: those are looked up in the registry and recorded for every event in every processor, and nine processors
 * read each purchase; timers and capacity were 9% of the application's CPU in a replay (JFR, bench/NOTES.md). The
 * command bus keeps all of Axon's meters, and {@code loyalty_processor_lag_*} measures the processors' lag.
 * {@code loyalty.metrics.event-processor-timers=true} brings Axon's full set back.
 */
final class AxonMeters extends MetricsConfigurerModule {

    private static final String EVENT_PROCESSOR_PREFIX = "eventProcessor";

    private final GlobalMetricRegistry axonRegistry;
    private final MeterRegistry meterRegistry;
    private final boolean eventProcessorTimers;

    AxonMeters(GlobalMetricRegistry axonRegistry, MeterRegistry meterRegistry, boolean eventProcessorTimers) {
        super(axonRegistry, true);
        this.axonRegistry = axonRegistry;
        this.meterRegistry = meterRegistry;
        this.eventProcessorTimers = eventProcessorTimers;
    }

    @Override
    public void configureModule(@Nonnull Configurer configurer) {
        if (eventProcessorTimers) {
            super.configureModule(configurer);
            return;
        }
        configurer.configureMessageMonitor(config -> (componentType, componentName) ->
                EventProcessor.class.isAssignableFrom(componentType)
                        ? countsAndLatency(componentName)
                        : axonDefault(componentType, componentName));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MessageMonitor<Message<?>> countsAndLatency(String processorName) {
        MessageMonitor<? super EventMessage<?>> counts = MessageCountingMonitor.buildMonitor(EVENT_PROCESSOR_PREFIX, meterRegistry,
                message -> Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                        TagsUtil.PROCESSOR_NAME_TAG, processorName));
        MessageMonitor<? super EventMessage<?>> latency = EventProcessorLatencyMonitor.builder()
                .meterNamePrefix(EVENT_PROCESSOR_PREFIX)
                .meterRegistry(meterRegistry)
                .tagsBuilder(message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName))
                .build();
        return (MessageMonitor) new MultiMessageMonitor<>(counts, latency);
    }

    @SuppressWarnings("unchecked")
    private MessageMonitor<Message<?>> axonDefault(Class<?> componentType, String componentName) {
        return (MessageMonitor<Message<?>>) axonRegistry.registerComponentWithDefaultTags(componentType, componentName);
    }
}
