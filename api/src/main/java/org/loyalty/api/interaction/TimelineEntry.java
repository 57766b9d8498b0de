package org.loyalty.api.interaction;

import java.time.Instant;
import java.util.Map;

/**
 * One member-facing event in a member's timeline: an interaction, a purchase, a point movement, a
 * tier change, a reward. {@code kind} names the event (ENROLLED, PURCHASE, POINTS_EARNED, ...,
 * SURVEY_ANSWER, REVIEW), {@code summary} says it in a sentence and {@code detail} holds its fields.
 * {@code position} is the event's place in the event store: unique, and the paging cursor.
 */
public record TimelineEntry(long position, Instant occurredAt, String kind, String summary, Map<String, Object> detail) {

    public TimelineEntry {
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
    }
}
