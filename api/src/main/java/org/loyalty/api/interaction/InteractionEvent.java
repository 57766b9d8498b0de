package org.loyalty.api.interaction;

import java.time.Instant;

/**
 * Every fact stored on a member's interaction stream (a stream of its own, not the points account:
 * see {@code MemberInteractions} on the command side). {@code occurredAt} is when the contact
 * happened, as the caller says; {@code recordedAt} when the platform stored it.
 */
public sealed interface InteractionEvent
        permits SupportRequestOpened, SupportRequestResolved, ComplaintRaised, SurveyAnswered, AppVisited, ReviewPosted {

    String memberId();

    String interactionId();

    InteractionChannel channel();

    Instant occurredAt();

    Instant recordedAt();

    /** The type of interaction the event records (not a stored field). */
    InteractionType type();

    /** The ticket this interaction opened or resolved, or null. */
    default String ticketId() {
        return null;
    }
}
