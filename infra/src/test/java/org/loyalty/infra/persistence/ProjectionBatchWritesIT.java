package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.ProjectionBatches;
import org.loyalty.query.campaign.CampaignTriggers;
import org.loyalty.query.insight.PurchaseStatsProjection;
import org.loyalty.query.interaction.MemberTimelineProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The timeline, purchase statistics and campaign trigger projections write a processor batch's rows when its unit
 * of work commits ({@code UnitOfWorkBuffer}): the rows must be exactly those of the same events handled one at a
 * time, a batch that fails must leave nothing behind, and a batch redelivered must change nothing.
 *
 * <p>The events go to projections of the test's own, as a pooled processor hands them ({@link ProjectionBatches}).
 */
@IntegrationTest
class ProjectionBatchWritesIT {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String[] TABLES = {"member_timeline", "member_purchase_day", "member_purchase_stats", "campaign_trigger"};
    private static final String LISTENING_CAMPAIGN = "projection-batch-writes-it";
    /** Global positions of the test's events: far past the application's own, and new for each history. */
    private static final AtomicLong NEXT_POSITION = new AtomicLong(900_000_000_000L);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionManager transactionManager;

    private ProjectionBatches projections;

    @BeforeEach
    void projectionsOfTheTestsOwn() {
        projections = new ProjectionBatches(jdbc, transactionManager, () -> List.of(new MemberTimelineProjection(jdbc),
                new PurchaseStatsProjection(jdbc, ZoneOffset.UTC), new CampaignTriggers(jdbc)), TABLES);
        // Notes are kept only for a trigger some live campaign has (this context schedules no evaluation).
        jdbc.update("""
                INSERT INTO campaign (campaign_id, name, status, draft, running, launched_at, updated_at)
                VALUES (?, 'Listens to enrolments and purchases', 'LIVE', '{}'::jsonb, ?::jsonb, now(), now())""",
                LISTENING_CAMPAIGN, "{\"triggers\": [\"ENROLLED\", \"PURCHASE\"]}");
    }

    @AfterEach
    void deleteTheTestMembers() {
        projections.deleteAll();
        jdbc.update("DELETE FROM campaign WHERE campaign_id = ?", LISTENING_CAMPAIGN);
    }

    @Test
    void oneBatchGivesTheSameRowsAsOneEventAtATime() throws Exception {
        String member = projections.newMember("uow-batch-");
        List<EventMessage<?>> events = history(member);

        List<Map<String, List<Map<String, Object>>>> threeWays = projections.rowsThreeWays(member, events);
        Map<String, List<Map<String, Object>>> oneBatch = threeWays.get(2);

        assertThat(oneBatch).isEqualTo(threeWays.get(0)).isEqualTo(threeWays.get(1));
        // ... and those rows are what the events say, not just equally wrong.
        assertThat(oneBatch.get("member_timeline")).extracting(r -> r.get("kind"))
                .containsExactly("ENROLLED", "PURCHASE", "COMPLAINT", "PURCHASE", "PURCHASE", "PERSONAL_DATA_ERASED");
        // The erasure, late in the batch, cleaned the complaint written earlier in the same batch.
        Map<String, Object> complaint = oneBatch.get("member_timeline").get(2);
        assertThat(complaint.get("summary")).isEqualTo("Complained by phone about late delivery");
        assertThat(complaint.get("detail").toString()).doesNotContain("cold coffee").doesNotContain("description");
        // Two purchases on day 1 merged, one on day 3.
        assertThat(oneBatch.get("member_purchase_day")).extracting(r -> r.get("purchases"), r -> money(r.get("spend")))
                .containsExactly(tuple(2, "15.50"), tuple(1, "7.25"));
        Map<String, Object> stats = oneBatch.get("member_purchase_stats").get(0);
        assertThat(stats).containsEntry("purchase_days", 2);
        assertThat(money(stats.get("total_spend"))).isEqualTo("22.75");
        assertThat(money(stats.get("first_day_spend"))).isEqualTo("15.50");
        assertThat(oneBatch.get("campaign_trigger")).extracting(r -> r.get("trigger_kind"), r -> ((Timestamp) r.get("noticed_at")).toInstant())
                .containsExactly(tuple("ENROLLED", T0),
                        // the last purchase's time: the later note of a kind replaces the earlier one
                        tuple("PURCHASE", T0.plus(Duration.ofDays(3))));
    }

    @Test
    void aBatchThatFailsLeavesNothingBehind() {
        String member = projections.newMember("uow-batch-");
        List<EventMessage<?>> events = new ArrayList<>(history(member));
        // Last in the batch, a purchase whose amount the day table cannot hold (NUMERIC(19, 4)): the flush fails.
        events.add(tracked(member, 99, purchase(member, "TX-HUGE", 4, new BigDecimal("1e40"))));

        assertThatThrownBy(() -> projections.batch(events)).isInstanceOf(Exception.class);

        assertThat(projections.rows(member).values()).allMatch(List::isEmpty);
    }

    @Test
    void aBatchRedeliveredChangesNothing() throws Exception {
        String member = projections.newMember("uow-batch-");
        List<EventMessage<?>> events = history(member);
        projections.batch(events);
        Map<String, List<Map<String, Object>>> once = projections.rows(member);

        projections.batch(events);

        Map<String, List<Map<String, Object>>> again = projections.rows(member);
        assertThat(again.get("member_timeline")).isEqualTo(once.get("member_timeline"));
        assertThat(again.get("campaign_trigger")).isEqualTo(once.get("campaign_trigger"));
        // Purchase days are counted per delivery, as they were one event at a time: the processor's token, stored in
        // the batch's transaction, is what keeps a committed batch from being delivered again.
        assertThat(again.get("member_purchase_day")).extracting(r -> r.get("purchases")).containsExactly(4, 2);
    }

    @Test
    void noNoteIsKeptForATriggerNoLiveCampaignHas() throws Exception {
        jdbc.update("UPDATE campaign SET status = 'PAUSED' WHERE campaign_id = ?", LISTENING_CAMPAIGN);
        String member = projections.newMember("uow-quiet-");

        projections.batch(history(member));

        Map<String, List<Map<String, Object>>> rows = projections.rows(member);
        assertThat(rows.get("campaign_trigger")).isEmpty();
        assertThat(rows.get("member_timeline")).hasSize(6);
    }

    @Test
    void aLatePurchaseInALaterBatchMovesTheSummarysFirstDayBack() throws Exception {
        String m = projections.newMember("uow-late-");
        projections.batch(List.of(tracked(m, 0, purchase(m, "TX-A-" + m, 3, new BigDecimal("7.25"))),
                tracked(m, 1, purchase(m, "TX-B-" + m, 5, new BigDecimal("2.00")))));
        // Posted late: a purchase two days before the first one known, and one more on a day already known.
        projections.batch(List.of(tracked(m, 2, purchase(m, "TX-C-" + m, 1, new BigDecimal("10.50"))),
                tracked(m, 3, purchase(m, "TX-D-" + m, 3, new BigDecimal("1.00")))));
        // ... and another on the new first day.
        projections.batch(List.of(tracked(m, 4, purchase(m, "TX-E-" + m, 1, new BigDecimal("5.00")))));

        Map<String, Object> stats = projections.rows(m).get("member_purchase_stats").get(0);
        assertThat(stats).containsEntry("first_day", Date.valueOf("2026-03-03"))
                .containsEntry("last_day", Date.valueOf("2026-03-07")).containsEntry("purchase_days", 3);
        assertThat(money(stats.get("total_spend"))).isEqualTo("25.75");
        assertThat(money(stats.get("first_day_spend"))).isEqualTo("15.50");
        // The summary kept up batch by batch is the one the member's day rows give.
        assertThat(stats).containsAllEntriesOf(jdbc.queryForMap("""
                SELECT member_id, min(day) AS first_day, max(day) AS last_day, count(*)::int AS purchase_days,
                       sum(spend) AS total_spend, (array_agg(spend ORDER BY day))[1] AS first_day_spend
                  FROM member_purchase_day WHERE member_id = ? GROUP BY member_id""", m));
    }

    private List<EventMessage<?>> history(String m) {
        List<Object> payloads = List.of(
                new MemberEnrolled(m, "Batch Member", "batch@example.com", null, null, true, T0, "GREEN", null),
                purchase(m, "TX-1-" + m, 1, new BigDecimal("10.50")),
                new ComplaintRaised(m, "INT-1-" + m, InteractionChannel.PHONE, T0.plus(Duration.ofDays(1)), "late delivery",
                        "cold coffee", T0.plus(Duration.ofDays(1))),
                purchase(m, "TX-2-" + m, 1, new BigDecimal("5.00")),
                purchase(m, "TX-3-" + m, 3, new BigDecimal("7.25")),
                new PersonalDataErased(m, T0.plus(Duration.ofDays(4))));
        long first = NEXT_POSITION.getAndAdd(payloads.size());
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(tracked(m, sequence, payloads.get(sequence), first + sequence));
        }
        return events;
    }

    private static PurchaseRecorded purchase(String member, String transactionId, int day, BigDecimal total) {
        Instant at = T0.plus(Duration.ofDays(day));
        return new PurchaseRecorded(member, transactionId, "STORE-1", at, "USD", PaymentMethod.CARD,
                List.of(new PurchaseItem("SKU-1", "coffee", 1, total)), total, at);
    }

    private EventMessage<?> tracked(String member, long sequence, Object payload) {
        return tracked(member, sequence, payload, NEXT_POSITION.getAndIncrement());
    }

    private static EventMessage<?> tracked(String member, long sequence, Object payload, long position) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("MemberAccount", member, sequence, payload));
    }

    private static String money(Object amount) {
        return ((BigDecimal) amount).setScale(2).toPlainString();
    }
}
