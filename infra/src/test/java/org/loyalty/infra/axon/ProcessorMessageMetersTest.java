package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

class ProcessorMessageMetersTest {

    record PointsEarned(String memberId) { }

    record TierChanged(String memberId) { }

    private final MockClock clock = new MockClock();

    @Test
    void recordsTheSameMetersAsAxonsOwnMonitors() {
        MeterRegistry axons = registry();
        MeterRegistry ours = registry();
        MessageMonitor<EventMessage<?>> axonMonitor = axonMonitors(axons, "member-accounts");
        MessageMonitor<EventMessage<?>> ourMonitor = new ProcessorMessageMeters("member-accounts", ours);

        for (MessageMonitor<EventMessage<?>> monitor : List.of(axonMonitor, ourMonitor)) {
            monitor.onMessageIngested(event(new PointsEarned("M-1"), 0)).reportSuccess();
            monitor.onMessageIngested(event(new PointsEarned("M-2"), 0)).reportSuccess();
            monitor.onMessageIngested(event(new PointsEarned("M-3"), 0)).reportFailure(new IllegalStateException("refused"));
            monitor.onMessageIngested(event(new TierChanged("M-1"), 0)).reportIgnored();
        }

        // The latency gauge's value depends on the clock (Axon's monitor reads the system's): same meter, value below.
        assertThat(values(ours).keySet()).isEqualTo(values(axons).keySet())
                .contains("eventProcessor.latency{processorName=member-accounts}");
        assertThat(counts(ours)).isEqualTo(counts(axons))
                .containsEntry("eventProcessor.processedCounter{payloadType=PointsEarned,processorName=member-accounts}", 3.0)
                .containsEntry("eventProcessor.successCounter{payloadType=PointsEarned,processorName=member-accounts}", 2.0)
                .containsEntry("eventProcessor.failureCounter{payloadType=PointsEarned,processorName=member-accounts}", 1.0)
                .containsEntry("eventProcessor.ignoredCounter{payloadType=TierChanged,processorName=member-accounts}", 1.0)
                .containsEntry("eventProcessor.ingestedCounter{payloadType=TierChanged,processorName=member-accounts}", 1.0);
    }

    @Test
    void theLatencyGaugeShowsHowOldTheLastEventWas() {
        MeterRegistry registry = registry();
        ProcessorMessageMeters meters = new ProcessorMessageMeters("interactions", registry);
        clock.add(5, TimeUnit.SECONDS);

        meters.onMessageIngested(event(new PointsEarned("M-1"), clock.wallTime() - 1_500)).reportSuccess();

        assertThat(registry.get("eventProcessor.latency").tag(TagsUtil.PROCESSOR_NAME_TAG, "interactions").gauge().value())
                .isEqualTo(1_500.0);
    }

    private MeterRegistry registry() {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<EventMessage<?>> axonMonitors(MeterRegistry registry, String processor) {
        MessageMonitor counts = MessageCountingMonitor.buildMonitor("eventProcessor", registry,
                message -> Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                        TagsUtil.PROCESSOR_NAME_TAG, processor));
        MessageMonitor latency = EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor").meterRegistry(registry)
                .tagsBuilder(message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor)).build();
        return new MultiMessageMonitor<>(counts, latency);
    }

    private static EventMessage<?> event(Object payload, long epochMillis) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance(),
                Instant.ofEpochMilli(epochMillis));
    }

    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = values(registry);
        counts.keySet().removeIf(key -> key.startsWith("eventProcessor.latency"));
        return counts;
    }

    /** Every meter's name, tags and first measured value (a counter's count, a gauge's value). */
    private static Map<String, Double> values(MeterRegistry registry) {
        Map<String, Double> values = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            values.put(MeterKeys.of(meter), meter.measure().iterator().next().getValue());
        }
        return values;
    }
}
