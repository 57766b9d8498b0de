package org.loyalty.api.interaction;

import java.time.Instant;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/** A member answered a survey: NPS 0-10, CSAT 1-5 or CES 1-7. {@code surveyId} and {@code comment} may be null. */
public record SurveyAnswered(
        @DataSubject String memberId,
        String interactionId,
        InteractionChannel channel,
        Instant occurredAt,
        SurveyKind kind,
        int score,
        String surveyId,
        @PersonalData String comment,
        Instant recordedAt) implements InteractionEvent {

    @Override
    public InteractionType type() {
        return InteractionType.SURVEY_ANSWER;
    }
}
