package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;

/**
 * The five counters of Axon's {@code MessageCountingMonitor} for one set of tags ({@code <prefix>.ingestedCounter},
 * {@code successCounter}, {@code failureCounter}, {@code processedCounter}, {@code ignoredCounter}), registered once
 * and counted as Axon counts them: a success or a failure is also processed, an ignored message is not. Shared by
 * {@link ProcessorMessageMeters} and {@link BusMessageMeters}, which look them up once per payload type.
 */
record MessageCounters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored)
        implements MonitorCallback {

    static MessageCounters register(MeterRegistry registry, String prefix, Tags tags) {
        return new MessageCounters(registry.counter(prefix + ".ingestedCounter", tags), registry.counter(prefix + ".successCounter", tags),
                registry.counter(prefix + ".failureCounter", tags), registry.counter(prefix + ".processedCounter", tags),
                registry.counter(prefix + ".ignoredCounter", tags));
    }

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
