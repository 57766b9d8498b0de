package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

class BusMessageMetersTest {

    record RecordPurchase(String memberId) { }

    record RedeemReward(String memberId) { }

    private final MockClock clock = new MockClock();

    @Test
    void theCommandBusGetsTheMetersOfAxonsOwnMonitorsTaggedByPayloadType() {
        assertThat(oursAgainstAxons(true))
                .containsEntry("commandBus.successCounter{payloadType=RecordPurchase}", "[COUNT=2.0]")
                .containsEntry("commandBus.failureCounter{payloadType=RecordPurchase}", "[COUNT=1.0]")
                .containsEntry("commandBus.ignoredCounter{payloadType=RedeemReward}", "[COUNT=1.0]")
                // two successes of 10 and 20 ms, a failure of 30 ms
                .containsEntry("commandBus.allTimer{payloadType=RecordPurchase}", "[COUNT=3.0, TOTAL_TIME=0.06, MAX=0.03]")
                .containsEntry("commandBus.successTimer{payloadType=RecordPurchase}", "[COUNT=2.0, TOTAL_TIME=0.03, MAX=0.02]");
    }

    @Test
    void theEventStoresCountersAreNotTaggedItsTimersAre() {
        assertThat(oursAgainstAxons(false))
                .containsEntry("commandBus.ingestedCounter{}", "[COUNT=4.0]")
                .containsEntry("commandBus.ignoredTimer{payloadType=RedeemReward}", "[COUNT=1.0, TOTAL_TIME=0.04, MAX=0.04]");
    }

    @Test
    void theTimersPublishAxonsPercentiles() {
        MeterRegistry registry = registry();
        new BusMessageMeters("commandBus", registry, true).onMessageIngested(command(new RecordPurchase("M-1"))).reportSuccess();

        Timer timer = registry.get("commandBus.allTimer").tag(TagsUtil.PAYLOAD_TYPE_TAG, "RecordPurchase").timer();

        assertThat(Arrays.stream(timer.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
                .containsExactly(0.5, 0.75, 0.95, 0.98, 0.99, 0.999);
    }

    /** The meters of our monitor after {@link #run}, checked equal to those of Axon's own monitors after the same run. */
    private Map<String, String> oursAgainstAxons(boolean countersByPayloadType) {
        MeterRegistry axonRegistry = registry();
        MeterRegistry ourRegistry = registry();
        Map<String, String> axons = run(axonMonitors(axonRegistry, countersByPayloadType), axonRegistry);
        Map<String, String> ours = run(new BusMessageMeters("commandBus", ourRegistry, countersByPayloadType), ourRegistry);
        assertThat(ours).isEqualTo(axons);
        return ours;
    }

    /** Two purchases that succeed (10, 20 ms), one that fails (30 ms), a redemption ignored (40 ms). */
    private Map<String, String> run(MessageMonitor<Message<?>> monitor, MeterRegistry registry) {
        List<Object> payloads = List.of(new RecordPurchase("M-1"), new RecordPurchase("M-2"), new RecordPurchase("M-3"),
                new RedeemReward("M-1"));
        for (int i = 0; i < payloads.size(); i++) {
            MonitorCallback callback = monitor.onMessageIngested(command(payloads.get(i)));
            clock.add(10L * (i + 1), TimeUnit.MILLISECONDS);
            switch (i) {
                case 0, 1 -> callback.reportSuccess();
                case 2 -> callback.reportFailure(new IllegalStateException("refused"));
                default -> callback.reportIgnored();
            }
        }
        return values(registry);
    }

    private MeterRegistry registry() {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MessageMonitor<Message<?>> axonMonitors(MeterRegistry registry, boolean countersByPayloadType) {
        MessageMonitor counts = countersByPayloadType
                ? MessageCountingMonitor.buildMonitor("commandBus", registry, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION)
                : MessageCountingMonitor.buildMonitor("commandBus", registry);
        MessageMonitor timers = MessageTimerMonitor.buildMonitor("commandBus", registry, clock, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);
        return new MultiMessageMonitor<>(counts, timers);
    }

    private static Message<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    /** Every meter's name and tags, and its measurements (seconds for times). */
    private static Map<String, String> values(MeterRegistry registry) {
        Map<String, String> values = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            values.put(MeterKeys.of(meter), meter.measure().toString().replaceAll("Measurement\\{statistic='(\\w+)', value=([^}]+)}", "$1=$2"));
        }
        return values;
    }
}
