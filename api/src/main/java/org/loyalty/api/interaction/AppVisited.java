package org.loyalty.api.interaction;

import java.time.Instant;

/** A member opened the app. {@code screen} and {@code durationSeconds} may be null. */
public record AppVisited(
        String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        String screen,
        Integer durationSeconds,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.APP_VISIT;
    }
}
