package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
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
    private final Map<Class<?>, Counters> countersByPayload = new ConcurrentHashMap<>();

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
        Counters counters = countersByPayload.computeIfAbsent(message.getPayloadType(), this::counters);
        counters.ingested.increment();
        return counters;
    }

    private Counters counters(Class<?> payloadType) {
        Tags tags = Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName(), TagsUtil.PROCESSOR_NAME_TAG, processorName);
        return new Counters(counter("ingestedCounter", tags), counter("successCounter", tags), counter("failureCounter", tags),
                counter("processedCounter", tags), counter("ignoredCounter", tags));
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(PREFIX + "." + name, tags);
    }

    /** The counters of one payload type, and the callback that counts how its messages ended. */
    private record Counters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored)
            implements MonitorCallback {

        @Override
        public void reportSuccess() {
            processed.increment();
            success.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            processed.increment();
            failure.increment();
        }

        @Override
        public void reportIgnored() {
            ignored.increment();
        }
    }
}
