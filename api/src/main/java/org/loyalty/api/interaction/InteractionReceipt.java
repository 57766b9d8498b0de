package org.loyalty.api.interaction;

import java.time.Instant;

/**
 * The answer to a {@link RecordInteraction}. {@code ticketId} is the ticket the interaction opened
 * (support request, complaint: its own id) or resolved; null for the other types. A retry gets the
 * same receipt with {@code replayed} set.
 */
public record InteractionReceipt(
        String memberId,
        String interactionId,
        InteractionType type,
        InteractionChannel channel,
        Instant occurredAt,
        String ticketId,
        boolean replayed) {

    public InteractionReceipt asReplay() {
        return new InteractionReceipt(memberId, interactionId, type, channel, occurredAt, ticketId, true);
    }
}
