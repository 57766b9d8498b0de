package org.loyalty.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consents, export and erasure over HTTP, checked down to the bytes in the database: the event store
 * never holds the member's personal data in plaintext, and after the erasure no table does, not even
 * after the projections are rebuilt from the events.
 */
@IntegrationTest
class PersonalDataErasureIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;

    @Test
    void erasureDestroysThePersonalDataEverywhereAndKeepsThePoints() {
        LoyaltyApi api = new LoyaltyApi(port);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zelda Quist" + marker;
        String email = "zelda." + marker + "@example.com";
        String phone = "+44 20 " + String.format("%08d", Math.floorMod(marker.hashCode(), 100_000_000));
        String complaintText = "The barista shouted at me " + marker;
        String reviewText = "Lovely oat flat white " + marker;
        String surveyComment = "Queue too long " + marker;
        String topic = "Card lost " + marker;
        String resolution = "Sent a new card " + marker;
        List<String> personal = List.of(name, email, phone, complaintText, reviewText, surveyComment, topic, resolution);

        String memberId = enroll(api, name, email, phone);
        api.postPurchase(purchase(newTransactionId(), memberId, "12.40")).expectStatus().isCreated();
        Instant at = Instant.now().minusSeconds(300);
        interaction(api, memberId, Map.of("interactionId", "CMP-" + marker, "channel", "PHONE", "type", "COMPLAINT",
                "occurredAt", at.toString(), "complaint", Map.of("category", "SERVICE", "description", complaintText)));
        interaction(api, memberId, Map.of("interactionId", "REV-" + marker, "channel", "APP", "type", "REVIEW",
                "occurredAt", at.plusSeconds(10).toString(), "review", Map.of("rating", 4, "text", reviewText)));
        interaction(api, memberId, Map.of("interactionId", "NPS-" + marker, "channel", "SMS", "type", "SURVEY_ANSWER",
                "occurredAt", at.plusSeconds(20).toString(), "survey", Map.of("kind", "NPS", "score", 5, "comment", surveyComment)));
        interaction(api, memberId, Map.of("interactionId", "SUP-" + marker, "channel", "CHAT", "type", "SUPPORT_REQUEST_OPENED",
                "occurredAt", at.plusSeconds(30).toString(), "support", Map.of("topic", topic, "description", complaintText)));
        interaction(api, memberId, Map.of("interactionId", "RES-" + marker, "channel", "CHAT", "type", "SUPPORT_REQUEST_RESOLVED",
                "occurredAt", at.plusSeconds(40).toString(),
                "resolution", Map.of("ticketId", "SUP-" + marker, "resolution", resolution, "solvedAtFirstContact", true)));

        // Consents: a change is a ConsentChanged event; the same request again changes (and records) nothing.
        Map<String, Object> consents = consent(api, memberId, Map.of("marketingSms", false, "analytics", true, "source", "app"));
        assertThat(object(consents.get("consents"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("marketingEmail", true, "marketingSms", false, "marketingPush", true, "analytics", true));
        assertThat(consent(api, memberId, Map.of("marketingSms", false, "analytics", true))).isEqualTo(consents);
        assertThat(consentEvents(memberId)).isEqualTo(2);
        api.post("/api/v1/members/" + memberId + "/consents", Map.of("source", "app")).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("consents");

        // The event store holds none of it in plaintext, from the first write on.
        assertThat(eventsMentioningAnyOf(personal)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?)"
                + " AND convert_from(payload, 'UTF8') LIKE '%pd:v1:%'", Long.class, memberId, "interactions/" + memberId))
                .as("events with encrypted fields").isGreaterThanOrEqualTo(6);

        // The export has all of it.
        // Each part comes from its own projection: wait until the timeline and the balance both have caught up.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> export = api.get("/api/v1/members/" + memberId + "/export");
            assertThat(objects(export.get("timeline"))).hasSizeGreaterThanOrEqualTo(10);
            assertThat(export.get("balance")).isNotNull();
        });
        Map<String, Object> before = api.get("/api/v1/members/" + memberId + "/export");
        assertThat(object(before.get("profile"))).containsEntry("name", name).containsEntry("email", email)
                .containsEntry("phone", phone).containsEntry("birthday", "1984-11-03");
        assertThat(object(before.get("consents"))).containsEntry("analytics", true).containsEntry("marketingSms", false);
        assertThat(objects(before.get("consentHistory"))).hasSize(2);
        long balanceBefore = ((Number) object(before.get("balance")).get("balance")).longValue();
        assertThat(balanceBefore).isPositive();
        assertThat(objects(before.get("ledger"))).hasSize(1);
        assertThat(before.get("erasedAt")).isNull();
        assertThat(before.toString()).contains(complaintText, reviewText, surveyComment, topic);
        assertThat(tablesMentioningAnyOf(personal)).contains("member_timeline", "complaint", "member_review", "survey_answer",
                "support_ticket", "member_email_claim");

        // Erase: 204, and again 204 (nothing more recorded); an unknown member is a 404 problem.
        api.http().delete().uri("/api/v1/members/" + memberId).exchange().expectStatus().isNoContent();
        api.http().delete().uri("/api/v1/members/" + memberId).exchange().expectStatus().isNoContent();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = 'org.loyalty.api.privacy.PersonalDataErased'", Long.class, memberId)).isEqualTo(1);
        api.http().delete().uri("/api/v1/members/" + UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL AND erased_at IS NOT NULL FROM member_data_key WHERE member_id = ?",
                Boolean.class, memberId)).as("key destroyed").isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tablesMentioningAnyOf(personal)).isEmpty());
        Map<String, Object> after = api.get("/api/v1/members/" + memberId + "/export");
        assertThat(after.toString()).doesNotContain(personal.toArray(String[]::new)).doesNotContain("1984-11-03");
        Map<String, Object> profile = object(after.get("profile"));
        assertThat(profile.get("name")).isNull();
        assertThat(profile.get("email")).isNull();
        assertThat(profile.get("phone")).isNull();
        assertThat(profile.get("birthday")).isNull();
        assertThat(after.get("erasedAt")).isNotNull();
        assertThat(object(after.get("consents"))).isEqualTo(object(before.get("consents")));
        assertThat(object(after.get("balance")).get("balance")).isEqualTo(object(before.get("balance")).get("balance"));
        assertThat(after.get("ledger")).isEqualTo(before.get("ledger"));
        assertThat(after.toString()).contains("SERVICE", "PERSONAL_DATA_ERASED");
        assertThat(jdbc.queryForObject("SELECT birthday_month FROM member_profile WHERE member_id = ?", Integer.class, memberId)).isZero();

        // The account goes on: purchases still earn, the email may enroll again.
        Map<String, Object> receipt = object(api.postPurchase(purchase(newTransactionId(), memberId, "10.00")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody());
        long balanceNow = ((Number) receipt.get("balance")).longValue();
        assertThat(balanceNow).isGreaterThan(balanceBefore);
        String again = enroll(api, "Zelda Again", email, null);
        assertThat(again).isNotEqualTo(memberId);

        // Rebuilding the read models from the events cannot bring anything back: the key is gone.
        replay(MemberTimelineProjection.PROCESSING_GROUP);
        replay(MemberAccountProjection.PROCESSING_GROUP);
        replay("campaigns");
        List<String> personalOfTheErased = new ArrayList<>(personal);
        personalOfTheErased.remove(email);
        assertThat(tablesMentioningAnyOf(personalOfTheErased)).isEmpty();
        assertThat(api.balance(memberId)).isEqualTo(balanceNow);
        assertThat(api.get("/api/v1/members/" + memberId + "/export").toString()).doesNotContain(personal.toArray(String[]::new));
    }

    @Test
    void aMemberWhoAcceptsNoMarketingGetsNoCampaignOffers() {
        LoyaltyApi api = new LoyaltyApi(port);
        String willing = api.enroll("Olive Offered");
        String unwilling = api.enroll("Nils Nomarketing");
        consent(api, unwilling, Map.of("marketingEmail", false, "marketingSms", false, "marketingPush", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM member_profile WHERE member_id = ? AND NOT (marketing_email OR marketing_sms OR marketing_push)",
                Long.class, unwilling) == 1);
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM member_account WHERE member_id IN (?, ?)", Long.class,
                willing, unwilling) == 2);
        String campaignId = (String) object(api.post("/api/v1/campaigns/playbooks/VIP_SURPRISE", Map.of()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody()).get("campaignId");
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsKey("draft"));
        Map<String, Object> definition = new HashMap<>(object(api.get("/api/v1/campaigns/" + campaignId).get("draft")));
        definition.put("audience", "member.id == \"" + willing + "\" || member.id == \"" + unwilling + "\"");
        definition.put("holdoutPercent", 0);
        api.http().put().uri("/api/v1/campaigns/" + campaignId).bodyValue(definition).exchange().expectStatus().isOk();
        api.post("/api/v1/campaigns/" + campaignId + "/launch", Map.of()).expectStatus().isOk();
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsEntry("status", "LIVE"));

        api.post("/api/v1/campaigns/evaluate", Map.of()).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(offers(api, willing)).hasSize(1));
        assertThat(offers(api, unwilling)).isEmpty();
        api.post("/api/v1/campaigns/" + campaignId + "/end", Map.of()).expectStatus().isOk();
    }

    private static List<Map<String, Object>> offers(LoyaltyApi api, String memberId) {
        return objects(api.http().get().uri("/api/v1/members/" + memberId + "/offers").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody());
    }

    private String enroll(LoyaltyApi api, String name, String email, String phone) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "email", email, "birthday", "1984-11-03", "marketingConsent", true));
        if (phone != null) {
            body.put("phone", phone);
        }
        return (String) object(api.post("/api/v1/members", body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody()).get("memberId");
    }

    private static void interaction(LoyaltyApi api, String memberId, Map<String, Object> body) {
        api.post("/api/v1/members/" + memberId + "/interactions", body).expectStatus().isCreated();
    }

    private static Map<String, Object> consent(LoyaltyApi api, String memberId, Map<String, Object> body) {
        return object(api.post("/api/v1/members/" + memberId + "/consents", body).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody());
    }

    private long consentEvents(String memberId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = 'org.loyalty.api.privacy.ConsentChanged'", Long.class, memberId);
    }

    private long eventsMentioningAnyOf(List<String> texts) {
        long found = 0;
        for (String text : texts) {
            found += jdbc.queryForObject("""
                    SELECT count(*) FROM domainevententry
                     WHERE convert_from(payload, 'UTF8') LIKE ? OR convert_from(coalesce(metadata, ''::bytea), 'UTF8') LIKE ?""",
                    Long.class, "%" + text + "%", "%" + text + "%");
        }
        return found;
    }

    /** Every table of the schema whose rows, as text, contain any of the texts (the event store's bytes included). */
    private List<String> tablesMentioningAnyOf(List<String> texts) {
        List<String> tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", String.class);
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            for (String text : texts) {
                if (jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?", Long.class, "%" + text + "%") > 0) {
                    found.add(table);
                    break;
                }
            }
        }
        if (eventsMentioningAnyOf(texts) > 0) {
            found.add("domainevententry (payload)");
        }
        return found;
    }

    private void replay(String processingGroup) {
        StreamingEventProcessor processor = processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        int segments = tokenStore.fetchSegments(processingGroup).length;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(processor.processingStatus()).as("every segment of %s claimed and replayed", processingGroup).hasSize(segments)
                        .allSatisfy((segment, status) -> assertThat(replayedUpToTheReset(status)).isTrue()));
    }

    private static boolean replayedUpToTheReset(EventTrackerStatus status) {
        return !status.isReplaying()
                || status.getCurrentPosition().orElse(-1) >= status.getResetPosition().orElse(Long.MAX_VALUE);
    }
}
