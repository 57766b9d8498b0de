package org.loyalty.api.analytics;

import java.time.Instant;
import java.util.List;

/** A list read from the newest scoring: when it was scored and by which model. */
public record ScoredList<T>(Long modelId, Instant scoredAt, List<T> members) {
}
