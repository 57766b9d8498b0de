package org.loyalty.api.interaction;

import java.time.Instant;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/**
 * A member complained. The complaint is open, as ticket {@code interactionId}, until a
 * {@link SupportRequestResolved} names it.
 */
public record ComplaintRaised(
        @DataSubject String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        String category,
        @PersonalData String description,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.COMPLAINT;
    }

    @Override
    public String ticketId() {
        return interactionId;
    }
}
