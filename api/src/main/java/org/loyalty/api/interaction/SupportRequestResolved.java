package org.loyalty.api.interaction;

import java.time.Instant;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/**
 * Ticket {@code ticketId} (the interaction id of a {@link SupportRequestOpened} or of a
 * {@link ComplaintRaised}, as {@code ticketKind} says) was resolved: resolving a complaint's ticket
 * closes the complaint. {@code solvedAtFirstContact}: no further contact was needed.
 */
public record SupportRequestResolved(
        @DataSubject String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        String ticketId,
        TicketKind ticketKind,
        @PersonalData String resolution,
        boolean solvedAtFirstContact,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.SUPPORT_REQUEST_RESOLVED;
    }
}
