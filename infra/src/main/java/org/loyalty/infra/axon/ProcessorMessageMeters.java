package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * One event processor's message counters and latency gauge: the meters of Axon's {@code MessageCountingMonitor} and
 * {@code EventProcessorLatencyMonitor}, with the same names and tags ({@code eventProcessor.processedCounter} by
 * {@code payloadType} and {@code processorName}, {@code eventProcessor.latency} by {@code processorName}), looked up
 * once per payload type instead of for every event.
 *
 * <p>Why: Axon's monitors ask the registry for their five counters and register the gauge again on every message, and
 * each ask runs the registry's meter filters and a map look-up. With nine processors reading every event that was
 * about 5% of the application's CPU at the purchase ceiling (JFR, bench/NOTES.md).
 */
final class ProcessorMessageMeters implements MessageMonitor<EventMessage<?>> {

    private static final String PREFIX = "eventProcessor";

    private final String processorName;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong latencyMillis = new AtomicLong();
    private final Map<Class<?>, MessageCounters> countersByPayload = new ConcurrentHashMap<>();

    ProcessorMessageMeters(String processorName, MeterRegistry registry) {
        this.processorName = processorName;
        this.registry = registry;
        this.clock = registry.config().clock();
        Gauge.builder(PREFIX + ".latency", latencyMillis::get)
                .tags(Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName))
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull EventMessage<?> message) {
        latencyMillis.set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        MessageCounters counters = countersByPayload.computeIfAbsent(message.getPayloadType(), this::counters);
        counters.ingested().increment();
        return counters;
    }

    private MessageCounters counters(Class<?> payloadType) {
        return MessageCounters.register(registry, PREFIX,
                Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName(), TagsUtil.PROCESSOR_NAME_TAG, processorName));
    }
}
