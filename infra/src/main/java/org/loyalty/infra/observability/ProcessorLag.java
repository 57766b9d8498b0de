package org.loyalty.infra.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code loyalty.processor.lag.events{processor=...}}: how many events each streaming processor is behind,
 * the head of the event store (its highest global index) minus the processor's lowest position.
 *
 * <p>For processors with tokens in {@code tokenentry} (all but live-updates), the position comes from
 * the token table: it is the processor's lag over all its segments, whichever node holds them, so every
 * node reports the same value (take {@code max} across nodes). A segment that has not handled an event
 * yet counts from the start of the store. For a processor without stored tokens (live-updates keeps
 * its token in memory, one per node) this node's own status is used.
 *
 * <p>Sampled on scrape: two small queries (an index-only {@code max(globalindex)} and the handful of
 * token rows), at most once a second however many processors are gauged.
 */
public class ProcessorLag implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);
    private static final long MAX_AGE_MILLIS = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final EventProcessingConfiguration processing;
    private volatile Map<String, Long> lastLag = Map.of();
    private volatile Map<String, Double> lastLagSeconds = Map.of();
    private volatile long lastSampled;

    public ProcessorLag(JdbcTemplate jdbc, Serializer tokenSerializer, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.processing = processing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processing.eventProcessors().keySet()) {
            Gauge.builder("loyalty.processor.lag.events", this, lag -> lag.lagOf(name))
                    .tag("processor", name)
                    .description("Events appended to the event store that the processor has not handled yet")
                    .register(registry);
            Gauge.builder("loyalty.processor.lag.seconds", this, lag -> lag.lagSecondsOf(name))
                    .tag("processor", name)
                    .baseUnit("seconds")
                    .description("Age of the oldest event appended to the event store that the processor has not handled yet (0 when caught up)")
                    .register(registry);
        }
    }

    double lagSecondsOf(String processor) {
        sample();
        Double seconds = lastLagSeconds.get(processor);
        return seconds == null ? Double.NaN : seconds;
    }

    double lagOf(String processor) {
        Long lag = sample().get(processor);
        return lag == null ? Double.NaN : lag;
    }

    private synchronized Map<String, Long> sample() {
        long now = System.currentTimeMillis();
        if (now - lastSampled < MAX_AGE_MILLIS) {
            return lastLag;
        }
        try {
            Map<String, Long> positions = new HashMap<>();
            lastLag = measure(positions);
            lastLagSeconds = ages(positions, lastLag, now);
        } catch (RuntimeException e) {
            log.warn("Could not measure the event processors' lag: {}", e.toString());
            lastLag = Map.of();
            lastLagSeconds = Map.of();
        }
        lastSampled = now;
        return lastLag;
    }

    /** For each lagging processor, the age of the first event after its lowest position (one indexed lookup each). */
    private Map<String, Double> ages(Map<String, Long> positions, Map<String, Long> lag, long nowMillis) {
        Map<String, Double> ages = new HashMap<>();
        positions.forEach((name, position) -> {
            if (lag.getOrDefault(name, 0L) <= 0) {
                ages.put(name, 0.0);
                return;
            }
            String timestamp = jdbc.query(
                    "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1",
                    rs -> rs.next() ? rs.getString(1) : null, position);
            if (timestamp != null) {
                ages.put(name, Math.max(0, nowMillis - org.axonframework.common.DateTimeUtils.parseInstant(timestamp).toEpochMilli()) / 1000.0);
            }
        });
        return ages;
    }

    Map<String, Long> measure(Map<String, Long> lowest) {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        long headIndex = head == null ? -1 : head;
        jdbc.query("SELECT processorname, token, tokentype FROM tokenentry", rs -> {
            String name = rs.getString(1);
            byte[] token = rs.getBytes(2);
            String type = rs.getString(3);
            long position = position(token, type);
            lowest.merge(name, position, Math::min);
        });
        processing.eventProcessors().forEach((name, processor) -> {
            if (!lowest.containsKey(name) && processor instanceof StreamingEventProcessor streaming) {
                streaming.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(p -> p.orElse(-1))
                        .min()
                        .ifPresent(p -> lowest.put(name, p));
            }
        });
        Map<String, Long> lag = new HashMap<>();
        lowest.forEach((name, position) -> lag.put(name, Math.max(0, headIndex - position)));
        return lag;
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken trackingToken = tokenSerializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = trackingToken == null ? OptionalLong.empty() : trackingToken.position();
        return position.orElse(-1);
    }
}
