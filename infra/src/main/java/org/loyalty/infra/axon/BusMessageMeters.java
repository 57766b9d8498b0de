package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nonnull;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The command bus's and the event store's message counters and timers: the meters of Axon's dimensional
 * {@code MessageCountingMonitor} and {@code MessageTimerMonitor}, with their names, tags and percentiles
 * ({@code commandBus.successCounter}, {@code commandBus.allTimer}, ... by {@code payloadType}), looked up once per
 * payload type instead of for every message.
 *
 * <p>Why: Axon's monitors build and register their four timers and five counters again for every message, and each
 * registration runs the registry's meter filters, hashes the meter's id and looks it up: 2.2% of the application's
 * CPU at 2,000 purchases/s, on the threads that run the commands (JFR, bench/NOTES.md item 34).
 */
final class BusMessageMeters implements MessageMonitor<Message<?>> {

    /** Axon's timers: client-side percentiles over a ten-minute window. */
    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final Duration PERCENTILE_WINDOW = Duration.ofMinutes(10);

    private final String prefix;
    private final MeterRegistry registry;
    private final Clock clock;
    private final boolean countersByPayloadType;
    private final Map<Class<?>, Meters> metersByPayload = new ConcurrentHashMap<>();

    /**
     * @param prefix                the component's name, as Axon names its meters ({@code commandBus}, {@code eventStore})
     * @param countersByPayloadType whether the counters carry the payload type (Axon tags the command bus's, not the
     *                              event store's); the timers always do
     */
    BusMessageMeters(String prefix, MeterRegistry registry, boolean countersByPayloadType) {
        this.prefix = prefix;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.countersByPayloadType = countersByPayloadType;
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull Message<?> message) {
        Meters meters = metersByPayload.computeIfAbsent(message.getPayloadType(), this::meters);
        meters.counters.ingested().increment();
        return new Timing(meters, clock.monotonicTime());
    }

    private Meters meters(Class<?> payloadType) {
        Tags byPayload = Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName());
        return new Meters(MessageCounters.register(registry, prefix, countersByPayloadType ? byPayload : Tags.empty()),
                timer("allTimer", byPayload), timer("successTimer", byPayload), timer("failureTimer", byPayload),
                timer("ignoredTimer", byPayload));
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name).distributionStatisticExpiry(PERCENTILE_WINDOW).publishPercentiles(PERCENTILES)
                .tags(tags).register(registry);
    }

    /** One payload type's meters. */
    private record Meters(MessageCounters counters, Timer all, Timer successTime, Timer failureTime, Timer ignoredTime) {
    }

    /** How one message ended and how long it took, counted and timed as Axon's monitors do. */
    private final class Timing implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Timing(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            meters.counters.reportSuccess();
            time(meters.successTime);
        }

        @Override
        public void reportFailure(Throwable cause) {
            meters.counters.reportFailure(cause);
            time(meters.failureTime);
        }

        @Override
        public void reportIgnored() {
            meters.counters.reportIgnored();
            time(meters.ignoredTime);
        }

        private void time(Timer outcome) {
            long took = clock.monotonicTime() - start;
            meters.all.record(took, TimeUnit.NANOSECONDS);
            outcome.record(took, TimeUnit.NANOSECONDS);
        }
    }
}
