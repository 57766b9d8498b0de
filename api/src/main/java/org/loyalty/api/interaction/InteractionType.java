package org.loyalty.api.interaction;

/**
 * What kind of contact an interaction was; each type has its own detail object in
 * {@link RecordInteraction} and its own event.
 */
public enum InteractionType {
    /** {@link SupportRequestOpened}: detail {@code support}. */
    SUPPORT_REQUEST_OPENED,
    /** {@link SupportRequestResolved}: detail {@code resolution}; closes a support request or a complaint. */
    SUPPORT_REQUEST_RESOLVED,
    /** {@link ComplaintRaised}: detail {@code complaint}. */
    COMPLAINT,
    /** {@link SurveyAnswered}: detail {@code survey}. */
    SURVEY_ANSWER,
    /** {@link AppVisited}: detail {@code appVisit} (optional). */
    APP_VISIT,
    /** {@link ReviewPosted}: detail {@code review}. */
    REVIEW
}
