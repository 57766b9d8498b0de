package org.loyalty.api.interaction;

import java.time.Instant;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/** A member asked for help. The request is ticket {@code interactionId} until a {@link SupportRequestResolved} names it. */
public record SupportRequestOpened(
        @DataSubject String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        @PersonalData String topic,
        @PersonalData String description,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.SUPPORT_REQUEST_OPENED;
    }

    @Override
    public String ticketId() {
        return interactionId;
    }
}
