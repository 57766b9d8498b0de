package org.loyalty.api.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Members per RFM segment, with their average lifetime value and P(alive), from the newest scoring. */
public record SegmentSummary(Long modelId, Instant scoredAt, List<Segment> segments) {

    public record Segment(String name, long members, BigDecimal averageClv, double averagePAlive) {
    }
}
