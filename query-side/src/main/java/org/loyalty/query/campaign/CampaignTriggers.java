package org.loyalty.query.campaign;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.campaign.CampaignDefinition.Trigger;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.query.ArrayColumns;
import org.loyalty.query.UnitOfWorkBuffer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notes the members whose audience may have changed, for the campaign evaluator to look at within a
 * second. Only notes: offers are issued by commands outside this processor's transaction, and never
 * for old events: a replay of this processor does nothing ({@code @DisallowReplay}).
 *
 * <p>A note is kept only if a live campaign has its trigger when the note is written: the evaluator would pass over
 * the others, and every note costs a row written, later taken and deleted (at 2,000 purchases/s with no campaign on
 * purchases, writing and taking those rows were 7-9% of PostgreSQL's statement time; bench/NOTES.md item 34). So a
 * campaign acts on the events that follow its launch, as the read model of campaigns sees it.
 */
@ProcessingGroup(CampaignTriggers.PROCESSING_GROUP)
public class CampaignTriggers {

    public static final String PROCESSING_GROUP = "campaign-triggers";

    /**
     * The batch's notes, one per member and trigger (a later note replaces an earlier one, as the upsert would), written
     * by one statement when the processor's unit of work prepares to commit.
     */
    private final UnitOfWorkBuffer<Map<Note, Instant>> notes;

    public CampaignTriggers(JdbcTemplate jdbc) {
        this.notes = new UnitOfWorkBuffer<>(TreeMap::new, batch -> write(jdbc, batch));
    }

    /** Ordered by member, then trigger: batches of two segments that meet on a row lock them in the same order. */
    private record Note(String memberId, Trigger trigger) implements Comparable<Note> {

        private static final Comparator<Note> ORDER = Comparator.comparing(Note::memberId).thenComparing(Note::trigger);

        @Override
        public int compareTo(Note other) {
            return ORDER.compare(this, other);
        }
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
        notes.note(batch -> batch.put(new Note(memberId, trigger), at));
    }

    /** One row per key in the statement: an upsert may not meet the same row twice. */
    private static void write(JdbcTemplate jdbc, Map<Note, Instant> batch) {
        ArrayColumns.of(batch.entrySet()).text(e -> e.getKey().memberId()).text(e -> e.getKey().trigger().name())
                .instant(Map.Entry::getValue).update(jdbc, """
                INSERT INTO campaign_trigger (member_id, trigger_kind, noticed_at)
                SELECT u.member_id, u.trigger_kind, u.noticed_at
                  FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS u(member_id, trigger_kind, noticed_at)
                 WHERE u.trigger_kind IN (SELECT jsonb_array_elements_text(c.running -> 'triggers')
                                            FROM campaign c WHERE c.status = 'LIVE' AND c.running IS NOT NULL)
                ON CONFLICT (member_id, trigger_kind) DO UPDATE SET noticed_at = excluded.noticed_at""");
    }
}
