package org.loyalty.command.interaction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.interaction.AppVisited;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.InteractionEvent;
import org.loyalty.api.interaction.InteractionReceipt;
import org.loyalty.api.interaction.InteractionType;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.api.interaction.ReviewPosted;
import org.loyalty.api.interaction.SupportRequestOpened;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.interaction.SurveyAnswered;
import org.loyalty.api.interaction.SurveyKind;
import org.loyalty.api.interaction.TicketKind;

/**
 * A member's interactions (support requests, complaints, surveys, app visits, reviews), event-sourced
 * on a stream of their own, {@code interactions/<memberId>}, and not on the {@code MemberAccount}.
 *
 * <p>Why a separate aggregate: the account is the consistency boundary of points, and every command
 * on it holds its lock and appends to its stream. Interactions share no invariant with points, so on
 * the account they would only cost: a complaint or an app visit would wait for (and make wait) a
 * purchase of the same member, lose optimistic-locking races to it across nodes, and lengthen the
 * stream every purchase has to load. Here they are consistent among themselves (a ticket is resolved
 * once, after it was opened; every interaction id answers one content) and never touch a purchase.
 * The '/' in the stream id cannot appear in a member id, so the two streams can never collide.
 *
 * <p>Command methods decide and apply; {@code @EventSourcingHandler}s only record what the events say.
 */
public class MemberInteractions {

    @AggregateIdentifier
    private String streamId;
    private String memberId;
    /** Every interaction recorded, by its id: to answer a retry, and to tell a retry from a reused id. */
    private final Map<String, InteractionEvent> recorded = new HashMap<>();
    private final Map<String, Ticket> tickets = new HashMap<>();

    /** For Axon, which rebuilds the aggregate from its events. */
    protected MemberInteractions() {
    }

    /** The member's first interaction starts the stream. The command must have been validated. */
    public MemberInteractions(RecordInteraction first, Instant now) {
        streamId = streamOf(first.memberId());
        memberId = first.memberId();
        apply(decide(first, now));
    }

    /** The stream of a member's interactions. */
    public static String streamOf(String memberId) {
        return "interactions/" + memberId;
    }

    /**
     * Records a validated interaction, or answers the first receipt again when the same interaction
     * was recorded before. The same id with other content is a conflict: a retry must not change what
     * was recorded, and two different contacts must not share an id.
     */
    public InteractionReceipt record(RecordInteraction command, Instant now) {
        InteractionEvent earlier = recorded.get(command.interactionId());
        if (earlier != null) {
            if (!describe(command, earlier.recordedAt()).equals(earlier)) {
                throw new ConflictException("interactionId", "interaction " + command.interactionId()
                        + " was recorded with other content; a new interaction needs a new id");
            }
            return receipt(earlier).asReplay();
        }
        apply(decide(command, now));
        return receiptFor(command.interactionId());
    }

    public InteractionReceipt receiptFor(String interactionId) {
        return receipt(recorded.get(interactionId));
    }

    // ---- decisions ----

    /** The event of a new interaction, after the checks that need the member's history. */
    private InteractionEvent decide(RecordInteraction command, Instant now) {
        InteractionEvent event = describe(command, now);
        if (event instanceof SupportRequestResolved resolved) {
            checkResolvable(resolved);
        }
        return event;
    }

    /** A ticket is resolved once, by a later contact, and only if this member opened it. */
    private void checkResolvable(SupportRequestResolved resolved) {
        Ticket ticket = tickets.get(resolved.ticketId());
        if (ticket == null) {
            InteractionEvent other = recorded.get(resolved.ticketId());
            throw new RuleViolationException("resolution.ticketId", other == null
                    ? "no support request or complaint " + resolved.ticketId() + " for this member"
                    : "interaction " + resolved.ticketId() + " is a " + other.type() + ", not a support request or complaint");
        }
        if (ticket.resolvedBy() != null) {
            throw new ConflictException("resolution.ticketId",
                    "ticket " + resolved.ticketId() + " was resolved already, by interaction " + ticket.resolvedBy());
        }
        if (resolved.occurredAt().isBefore(ticket.openedAt())) {
            throw new RuleViolationException("occurredAt",
                    "must not be before ticket " + resolved.ticketId() + " was opened (" + ticket.openedAt() + ")");
        }
    }

    /** The event a command gives, without judging it: also what a retry is compared with. */
    private InteractionEvent describe(RecordInteraction c, Instant recordedAt) {
        InteractionChannel channel = InteractionChannel.valueOf(c.channel());
        return switch (InteractionType.valueOf(c.type())) {
            case SUPPORT_REQUEST_OPENED -> new SupportRequestOpened(memberId, c.interactionId(), channel, c.occurredAt(),
                    c.support().topic(), c.support().description(), recordedAt);
            case SUPPORT_REQUEST_RESOLVED -> {
                Ticket ticket = tickets.get(c.resolution().ticketId());
                yield new SupportRequestResolved(memberId, c.interactionId(), channel, c.occurredAt(), c.resolution().ticketId(),
                        ticket == null ? null : ticket.kind(), c.resolution().resolution(), c.resolution().solvedAtFirstContact(),
                        recordedAt);
            }
            case COMPLAINT -> new ComplaintRaised(memberId, c.interactionId(), channel, c.occurredAt(), c.complaint().category(),
                    c.complaint().description(), recordedAt);
            case SURVEY_ANSWER -> new SurveyAnswered(memberId, c.interactionId(), channel, c.occurredAt(),
                    SurveyKind.valueOf(c.survey().kind()), c.survey().score(), c.survey().surveyId(), c.survey().comment(), recordedAt);
            case APP_VISIT -> new AppVisited(memberId, c.interactionId(), channel, c.occurredAt(),
                    c.appVisit() == null ? null : c.appVisit().screen(), c.appVisit() == null ? null : c.appVisit().durationSeconds(),
                    recordedAt);
            case REVIEW -> new ReviewPosted(memberId, c.interactionId(), channel, c.occurredAt(), c.review().rating(), c.review().text(),
                    recordedAt);
        };
    }

    private static InteractionReceipt receipt(InteractionEvent event) {
        return new InteractionReceipt(event.memberId(), event.interactionId(), event.type(), event.channel(), event.occurredAt(),
                event.ticketId(), false);
    }

    // ---- event sourcing: record what the events say, decide nothing ----

    @EventSourcingHandler
    void on(SupportRequestOpened event) {
        remember(event);
        tickets.put(event.interactionId(), new Ticket(TicketKind.SUPPORT_REQUEST, event.occurredAt(), null));
    }

    @EventSourcingHandler
    void on(ComplaintRaised event) {
        remember(event);
        tickets.put(event.interactionId(), new Ticket(TicketKind.COMPLAINT, event.occurredAt(), null));
    }

    @EventSourcingHandler
    void on(SupportRequestResolved event) {
        remember(event);
        tickets.computeIfPresent(event.ticketId(), (id, ticket) -> ticket.resolvedBy(event.interactionId()));
    }

    @EventSourcingHandler
    void on(SurveyAnswered event) {
        remember(event);
    }

    @EventSourcingHandler
    void on(AppVisited event) {
        remember(event);
    }

    @EventSourcingHandler
    void on(ReviewPosted event) {
        remember(event);
    }

    private void remember(InteractionEvent event) {
        // The identifier is set here too: rebuilding from the events does not run the constructor.
        streamId = streamOf(event.memberId());
        memberId = event.memberId();
        recorded.put(event.interactionId(), event);
    }

    /** An opened support request or complaint, and the interaction that resolved it (null while open). */
    record Ticket(TicketKind kind, Instant openedAt, String resolvedBy) {

        Ticket resolvedBy(String interactionId) {
            return new Ticket(kind, openedAt, interactionId);
        }
    }
}
