package org.loyalty.infra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.query.account.MemberAccountProjection;
import org.loyalty.query.interaction.MemberTimelineProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read models are a pure function of the events: throw them away, replay, get the same tables. */
@IntegrationTest
class ProjectionReplayIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;

    @Test
    void resettingTheProcessorAndReplayingAllEventsRebuildsIdenticalBalancesAndLedgers() {
        LoyaltyApi api = new LoyaltyApi(port);
        for (int m = 0; m < 5; m++) {
            String memberId = api.enroll("Replay Member " + m);
            for (int p = 1; p <= 4; p++) {
                api.postPurchase(purchase(newTransactionId(), memberId, (m + p) + ".50")).expectStatus().isCreated();
            }
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(MemberAccountProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processor.processingStatus()).as("segment status").isNotEmpty()
                    .allSatisfy((segment, status) -> assertThat(status.isCaughtUp()).as("segment %s caught up: %s", segment, status).isTrue());
            assertThat(ledgerRows()).isEqualTo(pointsEarnedEvents());
            assertThat(accountRows()).isEqualTo(memberEnrolledEvents());
        });
        List<Map<String, Object>> balancesBefore = balances();
        List<Map<String, Object>> ledgerBefore = ledger();
        assertThat(balancesBefore).hasSizeGreaterThanOrEqualTo(5);

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        int segments = tokenStore.fetchSegments(MemberAccountProjection.PROCESSING_GROUP).length;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processor.processingStatus()).as("every segment claimed again").hasSize(segments)
                    .allSatisfy((segment, status) -> assertThat(replayedUpToTheReset(status))
                            .as("segment %s replayed: %s", segment, status).isTrue());
            assertThat(ledgerRows()).isEqualTo(pointsEarnedEvents());
            assertThat(accountRows()).isEqualTo(memberEnrolledEvents());
        });
        assertThat(balances()).isEqualTo(balancesBefore);
        assertThat(ledger()).isEqualTo(ledgerBefore);
    }

    /** The timeline and the service tables, rebuilt by resetting the interactions processor, are identical too. */
    @Test
    void resettingTheInteractionsProcessorRebuildsIdenticalTimelinesAndServiceTables() {
        LoyaltyApi api = new LoyaltyApi(port);
        for (int m = 0; m < 3; m++) {
            String memberId = api.enroll("Replay Talker " + m);
            api.postPurchase(purchase(newTransactionId(), memberId, (m + 3) + ".25")).expectStatus().isCreated();
            Instant at = Instant.now().minusSeconds(120);
            String ticket = "SUP-" + memberId;
            interaction(api, memberId, Map.of("interactionId", ticket, "channel", "PHONE", "type", "SUPPORT_REQUEST_OPENED",
                    "occurredAt", at.toString(), "support", Map.of("topic", "missing points")));
            interaction(api, memberId, Map.of("interactionId", "RES-" + memberId, "channel", "CHAT", "type", "SUPPORT_REQUEST_RESOLVED",
                    "occurredAt", at.plusSeconds(30).toString(),
                    "resolution", Map.of("ticketId", ticket, "resolution", "credited", "solvedAtFirstContact", m % 2 == 0)));
            interaction(api, memberId, Map.of("interactionId", "CMP-" + memberId, "channel", "EMAIL", "type", "COMPLAINT",
                    "occurredAt", at.plusSeconds(40).toString(), "complaint", Map.of("category", "SERVICE")));
            interaction(api, memberId, Map.of("interactionId", "NPS-" + memberId, "channel", "SMS", "type", "SURVEY_ANSWER",
                    "occurredAt", at.plusSeconds(50).toString(), "survey", Map.of("kind", "NPS", "score", m + 7)));
            interaction(api, memberId, Map.of("interactionId", "APP-" + memberId, "channel", "APP", "type", "APP_VISIT",
                    "occurredAt", at.plusSeconds(60).toString()));
            interaction(api, memberId, Map.of("interactionId", "REV-" + memberId, "channel", "FORUM", "type", "REVIEW",
                    "occurredAt", at.plusSeconds(70).toString(), "review", Map.of("rating", m + 3)));
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(MemberTimelineProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processor.processingStatus()).as("segment status").isNotEmpty()
                    .allSatisfy((segment, status) -> assertThat(status.isCaughtUp()).as("segment %s caught up: %s", segment, status).isTrue());
            assertThat(timelineRows()).isEqualTo(timelineEvents());
        });
        Map<String, List<Map<String, Object>>> before = interactionTables();
        assertThat(before.get("support_ticket")).hasSizeGreaterThanOrEqualTo(6);

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        int segments = tokenStore.fetchSegments(MemberTimelineProjection.PROCESSING_GROUP).length;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processor.processingStatus()).as("every segment claimed again").hasSize(segments)
                    .allSatisfy((segment, status) -> assertThat(replayedUpToTheReset(status))
                            .as("segment %s replayed: %s", segment, status).isTrue());
            assertThat(timelineRows()).isEqualTo(timelineEvents());
        });
        assertThat(interactionTables()).isEqualTo(before);
    }

    /** The retention statistics (purchase days, x and t_x per member), rebuilt by a reset, are identical too. */
    @Test
    void resettingTheRetentionStatisticsRebuildsIdenticalPurchaseDaysAndSummaries() {
        LoyaltyApi api = new LoyaltyApi(port);
        for (int m = 0; m < 3; m++) {
            String memberId = api.enroll("Replay Regular " + m);
            for (int day = 0; day <= m + 1; day++) {
                Map<String, Object> purchase = new java.util.HashMap<>(purchase(newTransactionId(), memberId, (m + 2) + ".50"));
                purchase.put("occurredAt", Instant.now().minus(Duration.ofDays(7L * day)).toString());
                api.postPurchase(purchase).expectStatus().isCreated();
            }
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(org.loyalty.query.insight.PurchaseStatsProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(purchasesCounted()).isEqualTo(purchaseEvents()));
        Map<String, List<Map<String, Object>>> before = retentionTables();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        int segments = tokenStore.fetchSegments(org.loyalty.query.insight.PurchaseStatsProjection.PROCESSING_GROUP).length;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processor.processingStatus()).as("every segment claimed again").hasSize(segments)
                    .allSatisfy((segment, status) -> assertThat(replayedUpToTheReset(status))
                            .as("segment %s replayed: %s", segment, status).isTrue());
            assertThat(purchasesCounted()).isEqualTo(purchaseEvents());
        });
        assertThat(retentionTables()).isEqualTo(before);
    }

    private long purchasesCounted() {
        return jdbc.queryForObject("SELECT coalesce(sum(purchases), 0) FROM member_purchase_day", Long.class);
    }

    private long purchaseEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = 'org.loyalty.api.purchase.PurchaseRecorded'",
                Long.class);
    }

    private Map<String, List<Map<String, Object>>> retentionTables() {
        return Map.of(
                "member_purchase_day", jdbc.queryForList("SELECT * FROM member_purchase_day ORDER BY member_id, day"),
                "member_purchase_stats", jdbc.queryForList("SELECT * FROM member_purchase_stats ORDER BY member_id"));
    }

    private static void interaction(LoyaltyApi api, String memberId, Map<String, Object> body) {
        api.post("/api/v1/members/" + memberId + "/interactions", body).expectStatus().isCreated();
    }

    /** The stored events that make a timeline row: all but two bookkeeping events of the account, and every interaction. */
    private long timelineEvents() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                 WHERE type IN ('MemberAccount', 'MemberInteractions')
                   AND payloadtype NOT IN ('org.loyalty.api.points.ExpiryDateChanged', 'org.loyalty.api.referral.ReferralRewarded')""",
                Long.class);
    }

    private long timelineRows() {
        return jdbc.queryForObject("SELECT count(*) FROM member_timeline", Long.class);
    }

    private Map<String, List<Map<String, Object>>> interactionTables() {
        return Map.of(
                "member_timeline", jdbc.queryForList("""
                        SELECT member_id, event_position, occurred_at, kind, summary, detail::text AS detail
                          FROM member_timeline ORDER BY member_id, event_position"""),
                "support_ticket", jdbc.queryForList("SELECT * FROM support_ticket ORDER BY member_id, ticket_id"),
                "complaint", jdbc.queryForList("SELECT * FROM complaint ORDER BY member_id, complaint_id"),
                "survey_answer", jdbc.queryForList("SELECT * FROM survey_answer ORDER BY member_id, interaction_id"),
                "app_visit", jdbc.queryForList("SELECT * FROM app_visit ORDER BY member_id, interaction_id"),
                "member_review", jdbc.queryForList("SELECT * FROM member_review ORDER BY member_id, interaction_id"));
    }

    /**
     * A segment stays flagged "replaying" until it handles an event newer than the reset point, which
     * on a quiet system never comes; what matters is that it has processed everything up to that point.
     */
    private static boolean replayedUpToTheReset(EventTrackerStatus status) {
        return !status.isReplaying()
                || status.getCurrentPosition().orElse(-1) >= status.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private long pointsEarnedEvents() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype = 'org.loyalty.api.purchase.PointsEarned'", Long.class);
    }

    private long memberEnrolledEvents() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype = 'org.loyalty.api.member.MemberEnrolled'", Long.class);
    }

    private long accountRows() {
        return jdbc.queryForObject("SELECT count(*) FROM member_account", Long.class);
    }

    private long ledgerRows() {
        return jdbc.queryForObject("SELECT count(*) FROM points_ledger", Long.class);
    }

    private List<Map<String, Object>> balances() {
        return jdbc.queryForList("SELECT member_id, balance, lifetime_earned, enrolled_at, updated_at FROM member_account ORDER BY member_id");
    }

    private List<Map<String, Object>> ledger() {
        return jdbc.queryForList("""
                SELECT l.*, p.store_id, p.net_total, p.occurred_at
                  FROM points_ledger l LEFT JOIN purchase_history p USING (transaction_id)
                 ORDER BY l.member_id, l.sequence""");
    }
}
