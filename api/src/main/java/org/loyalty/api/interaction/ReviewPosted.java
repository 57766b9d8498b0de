package org.loyalty.api.interaction;

import java.time.Instant;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/** A member posted a review of 1 to 5 stars; {@code text} may be null. */
public record ReviewPosted(
        @DataSubject String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        int rating,
        @PersonalData String text,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.REVIEW;
    }
}
