package org.loyalty.query.interaction;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.interaction.AppVisited;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.ReviewPosted;
import org.loyalty.api.interaction.SupportRequestOpened;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.interaction.SurveyAnswered;
import org.loyalty.api.interaction.TicketKind;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables service metrics are computed from: tickets (support requests and complaints, with
 * opening, resolution and first-contact resolution), complaints open or closed, survey answers, app
 * visits and reviews. Same processor as the timeline.
 *
 * <p>Replay-safe: rows are inserted once per interaction id ({@code ON CONFLICT DO NOTHING}) and a
 * resolution sets absolute values, so a redelivered event changes nothing. A ticket and its
 * resolution are on one member's stream, which a pooled processor handles in order.
 */
@ProcessingGroup(MemberTimelineProjection.PROCESSING_GROUP)
public class ServiceInteractionProjection {

    private final JdbcTemplate jdbc;

    public ServiceInteractionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SupportRequestOpened event) {
        openTicket(event.memberId(), event.interactionId(), TicketKind.SUPPORT_REQUEST, event.channel().name(), event.topic(),
                event.occurredAt());
    }

    @EventHandler
    void on(ComplaintRaised event) {
        openTicket(event.memberId(), event.interactionId(), TicketKind.COMPLAINT, event.channel().name(), event.category(),
                event.occurredAt());
        jdbc.update("""
                INSERT INTO complaint (member_id, complaint_id, channel, category, description, raised_at, status)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING""",
                event.memberId(), event.interactionId(), event.channel().name(), event.category(), event.description(),
                ts(event.occurredAt()));
    }

    @EventHandler
    void on(SupportRequestResolved event) {
        jdbc.update("""
                UPDATE support_ticket
                   SET resolved_at = ?, resolved_by = ?, resolution_channel = ?, solved_at_first_contact = ?, resolution = ?
                 WHERE member_id = ? AND ticket_id = ?""",
                ts(event.occurredAt()), event.interactionId(), event.channel().name(), event.solvedAtFirstContact(),
                event.resolution(), event.memberId(), event.ticketId());
        if (event.ticketKind() == TicketKind.COMPLAINT) {
            jdbc.update("UPDATE complaint SET status = 'CLOSED', closed_at = ? WHERE member_id = ? AND complaint_id = ?",
                    ts(event.occurredAt()), event.memberId(), event.ticketId());
        }
    }

    @EventHandler
    void on(SurveyAnswered event) {
        jdbc.update("""
                INSERT INTO survey_answer (member_id, interaction_id, survey_kind, score, survey_id, channel, answered_at, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.interactionId(), event.kind().name(), event.score(), event.surveyId(),
                event.channel().name(), ts(event.occurredAt()), event.comment());
    }

    @EventHandler
    void on(AppVisited event) {
        jdbc.update("""
                INSERT INTO app_visit (member_id, interaction_id, visited_at, screen, duration_seconds)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.interactionId(), ts(event.occurredAt()), event.screen(), event.durationSeconds());
    }

    @EventHandler
    void on(ReviewPosted event) {
        jdbc.update("""
                INSERT INTO member_review (member_id, interaction_id, channel, rating, review_text, posted_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.interactionId(), event.channel().name(), event.rating(), event.text(), ts(event.occurredAt()));
    }

    /** Drops the member's free texts; scores, ratings, categories and dates stay for the service metrics. */
    @EventHandler
    void on(PersonalDataErased event) {
        jdbc.update("UPDATE support_ticket SET subject = CASE WHEN kind = 'COMPLAINT' THEN subject END, resolution = NULL WHERE member_id = ?",
                event.memberId());
        jdbc.update("UPDATE complaint SET description = NULL WHERE member_id = ?", event.memberId());
        jdbc.update("UPDATE survey_answer SET comment = NULL WHERE member_id = ?", event.memberId());
        jdbc.update("UPDATE member_review SET review_text = NULL WHERE member_id = ?", event.memberId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE support_ticket, complaint, survey_answer, app_visit, member_review");
    }

    private void openTicket(String memberId, String ticketId, TicketKind kind, String channel, String subject, Instant openedAt) {
        jdbc.update("""
                INSERT INTO support_ticket (member_id, ticket_id, kind, channel, subject, opened_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                memberId, ticketId, kind.name(), channel, subject, ts(openedAt));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
