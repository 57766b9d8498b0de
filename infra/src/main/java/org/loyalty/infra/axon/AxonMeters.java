package org.loyalty.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
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
 * command bus keeps all of Axon's meters, and {@code loyalty_processor_lag_*} measures the processors' lag. The
 * counters and the gauge themselves are kept by {@link ProcessorMessageMeters}, which looks them up once, not per event.
 * {@code loyalty.metrics.event-processor-timers=true} brings Axon's full set back.
 *
 * <p>The command bus and the event store keep all of Axon's meters, but their counters and timers are likewise looked
 * up once per payload type ({@link BusMessageMeters}); the command bus's capacity gauge is Axon's own.
 */
final class AxonMeters extends MetricsConfigurerModule {

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
        configurer.configureMessageMonitor(config -> (componentType, componentName) -> {
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return countsAndLatency(componentName);
            }
            if (CommandBus.class.isAssignableFrom(componentType)) {
                return new MultiMessageMonitor<>(new BusMessageMeters(componentName, meterRegistry, true),
                        CapacityMonitor.buildMonitor(componentName, meterRegistry, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION));
            }
            if (EventBus.class.isAssignableFrom(componentType)) {
                return new BusMessageMeters(componentName, meterRegistry, false);
            }
            return axonDefault(componentType, componentName);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MessageMonitor<Message<?>> countsAndLatency(String processorName) {
        return (MessageMonitor) new ProcessorMessageMeters(processorName, meterRegistry);
    }

    @SuppressWarnings("unchecked")
    private MessageMonitor<Message<?>> axonDefault(Class<?> componentType, String componentName) {
        return (MessageMonitor<Message<?>>) axonRegistry.registerComponentWithDefaultTags(componentType, componentName);
    }
}
