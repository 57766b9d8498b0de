package org.loyalty.rules.interaction;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.loyalty.api.error.Violation;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.InteractionType;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.api.interaction.SurveyKind;
import org.loyalty.rules.validation.Violations;

/**
 * What an interaction must look like before anything is stored. Every fault is reported at once,
 * each naming its field as in the HTTP body ({@code survey.score}, {@code review.text}). What needs
 * the member's history (does the ticket exist, is it resolved already) is decided by the aggregate.
 */
public final class InteractionValidator {

    static final int MAX_TOPIC = 200;
    static final int MAX_CATEGORY = 64;
    static final int MAX_SCREEN = 100;
    static final int MAX_TEXT = 2000;
    static final int MAX_DURATION_SECONDS = 86_400;
    static final int MIN_RATING = 1;
    static final int MAX_RATING = 5;

    /** The detail object each type carries, by its name in the request. */
    private static final Map<InteractionType, String> DETAIL_OF = Map.of(
            InteractionType.SUPPORT_REQUEST_OPENED, "support",
            InteractionType.SUPPORT_REQUEST_RESOLVED, "resolution",
            InteractionType.COMPLAINT, "complaint",
            InteractionType.SURVEY_ANSWER, "survey",
            InteractionType.APP_VISIT, "appVisit",
            InteractionType.REVIEW, "review");

    private final Clock clock;
    /** Callers' clocks drift; a contact a little in the future is accepted, an hour ahead is a bug. */
    private final Duration clockSkewTolerance;

    public InteractionValidator(Clock clock, Duration clockSkewTolerance) {
        this.clock = clock;
        this.clockSkewTolerance = clockSkewTolerance;
    }

    public List<Violation> violations(RecordInteraction request) {
        Violations v = new Violations();
        v.requireId("memberId", request.memberId());
        v.requireId("interactionId", request.interactionId());
        InteractionChannel channel = oneOf(v, "channel", request.channel(), InteractionChannel.class);
        InteractionType type = oneOf(v, "type", request.type(), InteractionType.class);
        if (v.requirePresent("occurredAt", request.occurredAt())
                && request.occurredAt().isAfter(clock.instant().plus(clockSkewTolerance))) {
            v.add("occurredAt", "must not be in the future");
        }
        if (type != null) {
            onlyTheDetailOf(v, type, request);
            switch (type) {
                case SUPPORT_REQUEST_OPENED -> support(v, request.support());
                case SUPPORT_REQUEST_RESOLVED -> resolution(v, request.resolution(), request.interactionId());
                case COMPLAINT -> complaint(v, request.complaint());
                case SURVEY_ANSWER -> survey(v, request.survey());
                case APP_VISIT -> appVisit(v, request.appVisit(), channel);
                case REVIEW -> review(v, request.review());
            }
        }
        return v.list();
    }

    /** The lowest and highest score of a survey kind. */
    public static int minScore(SurveyKind kind) {
        return kind == SurveyKind.NPS ? 0 : 1;
    }

    public static int maxScore(SurveyKind kind) {
        return switch (kind) {
            case NPS -> 10;
            case CSAT -> 5;
            case CES -> 7;
        };
    }

    private static void support(Violations v, RecordInteraction.Support support) {
        if (v.requirePresent("support", support)) {
            v.requireText("support.topic", support.topic(), MAX_TOPIC);
            optionalText(v, "support.description", support.description(), MAX_TEXT);
        }
    }

    private static void resolution(Violations v, RecordInteraction.Resolution resolution, String interactionId) {
        if (!v.requirePresent("resolution", resolution)) {
            return;
        }
        if (v.requireId("resolution.ticketId", resolution.ticketId()) && resolution.ticketId().equals(interactionId)) {
            v.add("resolution.ticketId", "must name the interaction that opened the ticket, not this one");
        }
        v.requireText("resolution.resolution", resolution.resolution(), MAX_TEXT);
        v.requirePresent("resolution.solvedAtFirstContact", resolution.solvedAtFirstContact());
    }

    private static void complaint(Violations v, RecordInteraction.Complaint complaint) {
        if (v.requirePresent("complaint", complaint)) {
            v.requireText("complaint.category", complaint.category(), MAX_CATEGORY);
            optionalText(v, "complaint.description", complaint.description(), MAX_TEXT);
        }
    }

    private static void survey(Violations v, RecordInteraction.Survey survey) {
        if (!v.requirePresent("survey", survey)) {
            return;
        }
        SurveyKind kind = oneOf(v, "survey.kind", survey.kind(), SurveyKind.class);
        if (v.requirePresent("survey.score", survey.score()) && kind != null
                && (survey.score() < minScore(kind) || survey.score() > maxScore(kind))) {
            v.add("survey.score", kind + " must be " + minScore(kind) + " to " + maxScore(kind));
        }
        if (survey.surveyId() != null) {
            v.requireId("survey.surveyId", survey.surveyId());
        }
        optionalText(v, "survey.comment", survey.comment(), MAX_TEXT);
    }

    private static void appVisit(Violations v, RecordInteraction.AppVisit visit, InteractionChannel channel) {
        if (channel != null && channel != InteractionChannel.APP) {
            v.add("channel", "must be APP for an app visit");
        }
        if (visit == null) {
            return;
        }
        optionalText(v, "appVisit.screen", visit.screen(), MAX_SCREEN);
        if (visit.durationSeconds() != null && (visit.durationSeconds() < 0 || visit.durationSeconds() > MAX_DURATION_SECONDS)) {
            v.add("appVisit.durationSeconds", "must be between 0 and " + MAX_DURATION_SECONDS);
        }
    }

    private static void review(Violations v, RecordInteraction.Review review) {
        if (!v.requirePresent("review", review)) {
            return;
        }
        if (v.requirePresent("review.rating", review.rating()) && (review.rating() < MIN_RATING || review.rating() > MAX_RATING)) {
            v.add("review.rating", "must be " + MIN_RATING + " to " + MAX_RATING + " stars");
        }
        optionalText(v, "review.text", review.text(), MAX_TEXT);
    }

    /** A detail object that is not the type's own is a mistake of the caller (a survey sent as a review). */
    private static void onlyTheDetailOf(Violations v, InteractionType type, RecordInteraction request) {
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("support", request.support());
        given.put("resolution", request.resolution());
        given.put("complaint", request.complaint());
        given.put("survey", request.survey());
        given.put("appVisit", request.appVisit());
        given.put("review", request.review());
        given.forEach((name, detail) -> {
            if (detail != null && !name.equals(DETAIL_OF.get(type))) {
                v.add(name, "must not be given for type " + type + " (its detail is " + DETAIL_OF.get(type) + ")");
            }
        });
    }

    private static void optionalText(Violations v, String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            v.add(field, "must be at most " + maxLength + " characters");
        }
    }

    private static <E extends Enum<E>> E oneOf(Violations v, String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            v.add(field, "is required");
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            v.add(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
