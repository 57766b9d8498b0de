package org.loyalty.query.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.campaign.CampaignDefinition.Trigger;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.query.StatementBatch;
import org.loyalty.query.UnitOfWorkBuffer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notes the members whose audience may have changed, for the campaign evaluator to look at within a
 * second. Only notes: offers are issued by commands outside this processor's transaction, and never
 * for old events: a replay of this processor does nothing ({@code @DisallowReplay}).
 */
@ProcessingGroup(CampaignTriggers.PROCESSING_GROUP)
public class CampaignTriggers {

    public static final String PROCESSING_GROUP = "campaign-triggers";

    /** The batch's notes, written in one round trip when the processor's unit of work prepares to commit. */
    private final UnitOfWorkBuffer<StatementBatch> notes;

    public CampaignTriggers(JdbcTemplate jdbc) {
        this.notes = new UnitOfWorkBuffer<>(StatementBatch::new, batch -> batch.flush(jdbc));
    }

    @EventHandler
    @DisallowReplay
    void on(PurchaseRecorded event) {
        note(event.memberId(), Trigger.PURCHASE, event.recordedAt());
    }

    @EventHandler
    @DisallowReplay
    void on(SupportRequestResolved event) {
        note(event.memberId(), Trigger.TICKET_RESOLVED, event.occurredAt());
    }

    @EventHandler
    @DisallowReplay
    void on(TierChanged event) {
        note(event.memberId(), Trigger.TIER_CHANGED, event.changedAt());
    }

    @EventHandler
    @DisallowReplay
    void on(MemberEnrolled event) {
        note(event.memberId(), Trigger.ENROLLED, event.enrolledAt());
    }

    /**
     * Nothing to clear: the notes are work for the evaluator, not a projection. Being here keeps the processor
     * resettable (Axon refuses a reset when every handler disallows replay); the reset then skips the old events.
     */
    @ResetHandler
    void reset() {
        // Deliberately empty: see above.
    }

    private void note(String memberId, Trigger trigger, Instant at) {
        notes.note(batch -> batch.add("""
                INSERT INTO campaign_trigger (member_id, trigger_kind, noticed_at) VALUES (?, ?, ?)
                ON CONFLICT (member_id, trigger_kind) DO UPDATE SET noticed_at = excluded.noticed_at""",
                memberId, trigger.name(), Timestamp.from(at)));
    }
}
