package org.loyalty.infra.interaction;

import java.time.Instant;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.InteractionReceipt;
import org.loyalty.api.interaction.InteractionType;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.api.interaction.TimelinePage;
import org.loyalty.infra.web.Commands;
import org.loyalty.infra.web.IdempotentResponses;
import org.loyalty.query.interaction.TimelineReader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Contacts with a member, {@code POST /api/v1/members/{id}/interactions}, and the member's timeline,
 * {@code GET /api/v1/members/{id}/timeline}. A repeated {@code interactionId} gets the first answer
 * again, status and body alike; the {@code Idempotent-Replayed} header tells the two apart.
 */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
@Tag(name = "Interactions")
class InteractionController {

    static final int MAX_PAGE = 100;

    private final Commands commands;
    private final TimelineReader timeline;

    InteractionController(Commands commands, TimelineReader timeline) {
        this.commands = commands;
        this.timeline = timeline;
    }

    @Operation(summary = "Record an interaction (support, complaint, survey, app visit, review)")
    @PostMapping(path = "/interactions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Interaction>> record(@PathVariable String memberId, @RequestBody InteractionRequest request) {
        return commands.<InteractionReceipt>send(request.toCommand(memberId))
                .map(r -> IdempotentResponses.created(new Interaction(r.memberId(), r.interactionId(), r.type(), r.channel(),
                        r.occurredAt(), r.ticketId()), r.replayed()));
    }

    /** Newest first; pass the page's {@code nextCursor} as {@code before} for the next page. */
    @Operation(summary = "The member's timeline, newest first (cursor paging with ?before=)")
    @GetMapping("/timeline")
    Mono<TimelinePage> timeline(@PathVariable String memberId,
                                @RequestParam(defaultValue = "20") int limit,
                                @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new InvalidRequestException(List.of(new Violation("limit", "must be between 1 and " + MAX_PAGE))));
        }
        return timeline.exists(memberId)
                .flatMap(known -> known ? timeline.page(memberId, before, limit) : Mono.error(new UnknownMemberException(memberId)));
    }

    /**
     * An interaction as sent. {@code channel}, {@code type} and {@code survey.kind} are read as text so
     * that an unknown value is reported with every other fault of the request, naming its field.
     */
    record InteractionRequest(String interactionId, String channel, String type, Instant occurredAt,
                              RecordInteraction.Support support, RecordInteraction.Resolution resolution,
                              RecordInteraction.Complaint complaint, RecordInteraction.Survey survey,
                              RecordInteraction.AppVisit appVisit, RecordInteraction.Review review) {

        RecordInteraction toCommand(String memberId) {
            return new RecordInteraction(memberId, interactionId, channel, type, occurredAt, support, resolution, complaint, survey,
                    appVisit, review);
        }
    }

    /** The answer: {@code ticketId} is the ticket opened (support request, complaint) or resolved, null for the other types. */
    record Interaction(String memberId, String interactionId, InteractionType type, InteractionChannel channel, Instant occurredAt,
                       String ticketId) {
    }
}
