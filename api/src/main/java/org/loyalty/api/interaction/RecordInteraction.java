package org.loyalty.api.interaction;

import java.time.Instant;

/**
 * Records one contact with a member. {@code interactionId} is chosen by the caller and makes the
 * command idempotent: the same id with the same content answers the first receipt and records
 * nothing; with other content it is a conflict.
 *
 * <p>{@code channel}, {@code type} and {@code survey.kind} are passed as sent, not as enums, so that
 * an unknown value is reported with the request's other faults, naming its field; the events carry
 * the enums ({@link InteractionChannel}, {@link InteractionType}, {@link SurveyKind}). Exactly the
 * detail object of the type is given: {@code support}, {@code resolution}, {@code complaint},
 * {@code survey}, {@code appVisit} (may be left out) or {@code review}.
 */
public record RecordInteraction(
        String memberId,
        String interactionId,
        String channel,
        String type,
        Instant occurredAt,
        Support support,
        Resolution resolution,
        Complaint complaint,
        Survey survey,
        AppVisit appVisit,
        Review review) {

    /** A member asks for help; {@code description} is optional. */
    public record Support(String topic, String description) {
    }

    /** A ticket (support request or complaint, by its interaction id) is resolved. */
    public record Resolution(String ticketId, String resolution, Boolean solvedAtFirstContact) {
    }

    /** A member complains; {@code description} is optional. */
    public record Complaint(String category, String description) {
    }

    /** {@code kind} NPS (score 0-10), CSAT (1-5) or CES (1-7); {@code surveyId} and {@code comment} are optional. */
    public record Survey(String kind, Integer score, String surveyId, String comment) {
    }

    /** Both optional: the screen the visit opened on and how long it lasted. */
    public record AppVisit(String screen, Integer durationSeconds) {
    }

    /** {@code rating} 1 to 5 stars; {@code text} is optional. */
    public record Review(Integer rating, String text) {
    }
}
