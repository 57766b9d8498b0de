package org.loyalty.infra.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;

/**
 * Refuses to start when a tracking processor has more segments stored than it has threads.
 *
 * <p>Why: a tracking processor's thread works on one segment, and the segment count is fixed when the processor
 * first runs against a database (in {@code tokenentry}). A database first run with more segments, such as one
 * from a version that ran {@code member-accounts} pooled with 8 segments, would leave the surplus segments'
 * members unprocessed, their balances silently frozen. Failing at start, with the way out in the message, is better
 * than that. The rule holds with several nodes too: when the others are down, the one left must be able to take
 * every segment, so each node needs a thread per segment.
 */
final class TrackingSegmentCoverage {

    private TrackingSegmentCoverage() {
    }

    static void verify(EventProcessorProperties properties, TokenStore tokenStore) {
        List<String> uncovered = new ArrayList<>();
        for (Map.Entry<String, EventProcessorProperties.ProcessorSettings> processor : properties.getProcessors().entrySet()) {
            if (processor.getValue().getMode() != EventProcessorProperties.Mode.TRACKING) {
                continue;
            }
            String name = processor.getKey();
            int threads = processor.getValue().getThreadCount();
            int segments = tokenStore.fetchSegments(name).length;
            if (segments > threads) {
                uncovered.add("%s has %d segments in tokenentry but %d threads (a thread works on one segment): set axon.eventhandling.processors.%s.thread-count=%d"
                        .formatted(name, segments, threads, name, segments));
            }
        }
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("Tracking processors that would leave segments unprocessed: " + String.join("; ", uncovered));
        }
    }
}
