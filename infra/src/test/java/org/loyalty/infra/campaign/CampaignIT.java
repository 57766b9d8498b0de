package org.loyalty.infra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.WebhookReceiver;
import org.loyalty.query.campaign.CampaignTriggers;
import org.loyalty.rules.campaign.HoldoutGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A simulated population goes quiet; the win-back campaign must pick exactly the valuable members who
 * stopped buying, hold some of them out, give the rest an offer once, and report the uplift. Runs in an
 * application and database of its own, so that no other test's members join the audience or the results.
 */
@IntegrationTest
@TestPropertySource(properties = "loyalty.test.application=campaigns")
class CampaignIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CampaignSchedule schedule;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    @Test
    void theWinBackCampaignOffersOnlyTheValuableMembersWhoWentQuietHoldsSomeOutAndReportsTheUplift() {
        Instant now = Instant.now();
        // 60 members, each with a rhythm (every 3 to 30 days), a basket size (2.00 to 60.00, varying by visit), 4 to 30
        // visits, and a last visit 1 to 180 days ago: some still buy, some are slipping away, some are long gone.
        java.util.Random random = new java.util.Random(2026);
        int purchaseDays = 0;
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int gap = 3 + random.nextInt(28);
            int visits = 4 + random.nextInt(27);
            int quietDays = 1 + random.nextInt(180);
            double basket = 2 + random.nextDouble() * 58;
            String memberId = api.enroll("Member " + i);
            members.add(memberId);
            for (int v = visits - 1; v >= 0; v--) {
                double amount = basket * (0.6 + 0.8 * random.nextDouble());
                buy(memberId, now.minus(Duration.ofDays(quietDays + (long) v * gap)), BigDecimal.valueOf(amount).setScale(2,
                        java.math.RoundingMode.HALF_EVEN).toPlainString());
                purchaseDays++;
            }
        }
        int expectedDays = purchaseDays;
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(purchase_days), 0) FROM member_purchase_stats WHERE member_id = ANY(?)", Long.class,
                (Object) members.toArray(String[]::new)) == expectedDays);
        api.post("/api/v1/analytics/models/refit", Map.of()).expectStatus().isOk();

        // The audience: likely gone (P(alive) below one half) and worth at least the lower quartile of those.
        Map<String, double[]> scores = new HashMap<>();
        jdbc.query("SELECT member_id, p_alive, clv FROM member_insight", row -> {
            scores.put(row.getString(1), new double[] {row.getDouble(2), row.getDouble(3)});
        });
        double[] atRiskValues = members.stream().map(scores::get).filter(v -> v[0] < 0.5).mapToDouble(v -> v[1]).sorted().toArray();
        assertThat(atRiskValues.length).as("the population has members slipping away").isGreaterThanOrEqualTo(10);
        String clvThreshold = String.format(java.util.Locale.ROOT, "%.2f", atRiskValues[atRiskValues.length / 4]);
        String audience = "member.p_alive < 0.5 && member.clv >= " + clvThreshold;
        List<String> target = members.stream()
                .filter(m -> scores.get(m)[0] < 0.5 && scores.get(m)[1] >= Double.parseDouble(clvThreshold)).toList();
        List<String> others = members.stream().filter(m -> !target.contains(m)).toList();
        assertThat(others).as("at-risk members of lower value, and members still buying, are left out")
                .anyMatch(m -> scores.get(m)[0] < 0.5).anyMatch(m -> scores.get(m)[0] >= 0.5);
        List<String> valuableQuiet = target;

        String campaignId = (String) object(api.post("/api/v1/campaigns/playbooks/WIN_BACK", Map.of()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody()).get("campaignId");
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsKey("draft"));
        Map<String, Object> definition = new HashMap<>(object(api.get("/api/v1/campaigns/" + campaignId).get("draft")));
        definition.put("audience", audience);
        // Half held out, so both groups are large enough to compare (the split is a hash of campaign and member).
        definition.put("holdoutPercent", 50);
        api.http().put().uri("/api/v1/campaigns/" + campaignId).bodyValue(definition).exchange().expectStatus().isOk();
        api.post("/api/v1/campaigns/" + campaignId + "/launch", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("LIVE");
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsEntry("status", "LIVE"));

        Map<String, Object> first = evaluate();
        List<String> heldOut = valuableQuiet.stream().filter(m -> HoldoutGroup.isHeldOut(campaignId, m, 50)).toList();
        List<String> treated = valuableQuiet.stream().filter(m -> !heldOut.contains(m)).toList();
        assertThat(heldOut).as("both groups have members").hasSizeGreaterThanOrEqualTo(2).hasSizeLessThanOrEqualTo(valuableQuiet.size() - 2);
        assertThat(first).containsEntry("issued", treated.size()).containsEntry("heldOut", heldOut.size());
        await().untilAsserted(() -> assertThat(treated).allSatisfy(m -> assertThat(offers(m)).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("campaignId", campaignId).containsEntry("status", "ISSUED"))));
        assertThat(heldOut).allSatisfy(m -> assertThat(offers(m)).isEmpty());
        assertThat(others).allSatisfy(m -> assertThat(offers(m)).isEmpty());

        assertThat(evaluate()).as("evaluating again in the same period gives nothing more")
                .containsEntry("issued", 0).containsEntry("heldOut", 0);

        // The offered members take it up and come back twice; the holdout comes back once in three.
        for (String member : treated) {
            String offerId = (String) offers(member).get(0).get("offerId");
            api.post("/api/v1/members/" + member + "/offers/" + offerId + "/view", Map.of()).expectStatus().isOk();
            api.post("/api/v1/members/" + member + "/offers/" + offerId + "/activate", Map.of()).expectStatus().isOk();
            // After the activation: an offer applies to purchases made once it is activated.
            buy(member, Instant.now(), "20.00");
            buy(member, Instant.now(), "20.00");
        }
        List<String> cameBack = new ArrayList<>(treated);
        for (int i = 0; i < heldOut.size(); i += 3) {
            buy(heldOut.get(i), Instant.now(), "20.00");
            cameBack.add(heldOut.get(i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM member_offer WHERE campaign_id = ? AND redemptions = 2", Long.class, campaignId) == treated.size()
                && jdbc.queryForObject("SELECT count(*) FROM member_purchase_day WHERE member_id = ANY(?) AND day = ?",
                        Long.class, cameBack.toArray(String[]::new), java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                        == cameBack.size());

        Map<String, Object> results = api.get("/api/v1/campaigns/" + campaignId + "/results");
        assertThat(results).containsEntry("issued", treated.size()).containsEntry("redeemed", treated.size())
                .containsEntry("redemptionRate", 100.0).containsEntry("treatmentMembers", treated.size())
                .containsEntry("holdoutMembers", heldOut.size());
        // The multiplier (x3) pays twice the base points of both purchases: at least 2 x 20 = 40 each (more in higher tiers).
        assertThat(((Number) results.get("pointsCost")).longValue()).isGreaterThanOrEqualTo(40L * 2 * treated.size())
                .isEqualTo(jdbc.queryForObject("SELECT sum(redeemed_points) FROM member_offer WHERE campaign_id = ?", Long.class, campaignId));
        Map<String, Object> purchases = object(results.get("purchasesPerMember"));
        assertThat(((Number) purchases.get("treatment")).doubleValue()).isEqualTo(1.0); // two purchases on one day
        assertThat(((Number) purchases.get("difference")).doubleValue()).isPositive();
        assertThat(((Number) purchases.get("ci95Low")).doubleValue()).isLessThan(((Number) purchases.get("difference")).doubleValue());
        assertThat(new BigDecimal(results.get("incrementalSpend").toString())).isPositive();
        assertThat(object(offers(treated.get(0)).get(0))).containsEntry("status", "ACTIVATED").containsKey("viewedAt");
    }

    @Test
    void anOfferCountsAsDeliveredWhenItsWebhookIsAccepted() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            api.post("/api/v1/webhooks", Map.of("url", receiver.url("/offers", call -> 200), "events", List.of("OFFER_ISSUED")))
                    .expectStatus().isCreated();
            String campaignId = (String) object(api.post("/api/v1/campaigns/playbooks/VIP_SURPRISE", Map.of()).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody()).get("campaignId");
            await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsKey("draft"));
            Map<String, Object> definition = new HashMap<>(object(api.get("/api/v1/campaigns/" + campaignId).get("draft")));
            String member = api.enroll("Vic Vip");
            definition.put("audience", "member.id == \"" + member + "\"");
            definition.put("holdoutPercent", 0);
            api.http().put().uri("/api/v1/campaigns/" + campaignId).bodyValue(definition).exchange().expectStatus().isOk();
            api.post("/api/v1/campaigns/" + campaignId + "/launch", Map.of()).expectStatus().isOk();
            await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsEntry("status", "LIVE"));
            await().until(() -> jdbc.queryForObject("SELECT count(*) FROM member_account WHERE member_id = ?", Long.class, member) == 1);

            assertThat(evaluate()).containsEntry("issued", 1);

            await().untilAsserted(() -> assertThat(receiver.requests("/offers", member)).singleElement()
                    .satisfies(r -> assertThat(r.header("X-Loyalty-Event")).isEqualTo("OFFER_ISSUED")));
            await().untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM member_offer WHERE member_id = ? AND delivered_at IS NOT NULL", Long.class, member)).isOne());
        }
    }

    @Test
    void aGoodwillOfferFollowsAResolvedComplaintWithinATriggerPollAndNeverOnAReplay() {
        String campaignId = (String) object(api.post("/api/v1/campaigns/playbooks/GOODWILL", Map.of()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody()).get("campaignId");
        api.post("/api/v1/campaigns/" + campaignId + "/launch", Map.of()).expectStatus().isOk();
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsEntry("status", "LIVE"));
        String member = api.enroll("Gwen Goodwill");
        String complaint = "CMP-" + UUID.randomUUID();
        interact(member, complaint, "COMPLAINT", "complaint", Map.of("category", "SERVICE"));
        interact(member, "RES-" + UUID.randomUUID(), "SUPPORT_REQUEST_RESOLVED", "resolution",
                Map.of("ticketId", complaint, "resolution", "Apologised", "solvedAtFirstContact", true));
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM campaign_trigger WHERE member_id = ? AND trigger_kind = 'TICKET_RESOLVED'",
                Long.class, member) == 1
                && jdbc.queryForObject("SELECT count(*) FROM support_ticket WHERE member_id = ? AND resolved_at IS NOT NULL", Long.class, member) == 1);

        schedule.drainTriggers();

        await().untilAsserted(() -> assertThat(offers(member)).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("campaignId", campaignId)
                .satisfies(x -> assertThat(object(x.get("terms"))).containsEntry("type", "BONUS_ON_NEXT_PURCHASE"))));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM campaign_trigger", Long.class)).isZero();
    }

    @Test
    void replayingTheEventsNeverNotesAMemberForCampaignsAgain() {
        String campaignId = launchListeningTo(List.of("ENROLLED", "PURCHASE"));
        String member = api.enroll("Rita Replay");
        buy(member, Instant.now(), "7.00");
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM campaign_trigger WHERE member_id = ?", Long.class, member) == 2);
        schedule.drainTriggers();
        long offersBefore = jdbc.queryForObject("SELECT count(*) FROM member_offer", Long.class);
        org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor triggers = processing
                .eventProcessor(CampaignTriggers.PROCESSING_GROUP,
                        org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.class).orElseThrow();

        triggers.shutDown();
        triggers.resetTokens();
        triggers.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(triggers.processingStatus()).isNotEmpty()
                .allSatisfy((segment, status) -> assertThat(!status.isReplaying()
                        || status.getCurrentPosition().orElse(-1) >= status.getResetPosition().orElse(Long.MAX_VALUE)).isTrue()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM campaign_trigger", Long.class)).as("old events note nobody").isZero();
        schedule.drainTriggers();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_offer", Long.class)).isEqualTo(offersBefore);
        api.post("/api/v1/campaigns/" + campaignId + "/end", Map.of()).expectStatus().isOk();
    }

    @Test
    void anEventNoLiveCampaignListensForLeavesNoNote() {
        // No campaign here listens for enrolments while this runs: no playbook does, and the replay test ends its own.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM campaign WHERE status = 'LIVE' AND running -> 'triggers' @> '[\"ENROLLED\"]'",
                Long.class)).isZero();
        String member = api.enroll("Nora Nonote");
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        StreamingEventProcessor notes = processing.eventProcessor(CampaignTriggers.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();

        await().until(() -> !notes.processingStatus().isEmpty() && notes.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM campaign_trigger WHERE member_id = ? AND trigger_kind = 'ENROLLED'",
                Long.class, member)).isZero();
    }

    @Test
    void badCampaignsAnswer400NamingTheFieldAndUnknownOnes404() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", "Broken");
        bad.put("audience", "member.favourite_colour == \"red\"");
        bad.put("offer", Map.of("type", "POINTS_MULTIPLIER", "multiplier", 50, "days", 7));
        bad.put("offerValidDays", 14);
        bad.put("frequencyCapDays", 30);
        bad.put("holdoutPercent", 10);
        api.post("/api/v1/campaigns", bad).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("offer.multiplier").contains("audience"));
        api.post("/api/v1/campaigns/campaign-nope/launch", Map.of()).expectStatus().isNotFound();
        api.post("/api/v1/campaigns/playbooks/NOPE", Map.of()).expectStatus().isNotFound();
        api.http().get().uri("/api/v1/members/nobody/offers").exchange().expectStatus().isNotFound();
    }

    // ---- helpers ----

    /** Launches a campaign whose audience is nobody (no offers), listening for the given triggers; its id. */
    private String launchListeningTo(List<String> triggers) {
        Map<String, Object> draft = new HashMap<>();
        draft.put("name", "Listens for " + triggers);
        draft.put("audience", "member.tier == \"NO SUCH TIER\"");
        draft.put("offer", Map.of("type", "POINTS_MULTIPLIER", "multiplier", 2, "days", 7));
        draft.put("offerValidDays", 14);
        draft.put("frequencyCapDays", 30);
        draft.put("holdoutPercent", 0);
        draft.put("triggers", triggers);
        String campaignId = (String) object(api.post("/api/v1/campaigns", draft).expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody()).get("campaignId");
        api.post("/api/v1/campaigns/" + campaignId + "/launch", Map.of()).expectStatus().isOk();
        await().untilAsserted(() -> assertThat(api.get("/api/v1/campaigns/" + campaignId)).containsEntry("status", "LIVE"));
        return campaignId;
    }

    private void buy(String memberId, Instant at, String price) {
        api.postPurchase(Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId, "storeId", "S-1",
                "occurredAt", at.toString(), "currency", "USD", "paymentMethod", "CARD",
                "items", List.of(Map.of("sku", "LATTE", "category", "coffee", "quantity", 1, "unitPrice", new BigDecimal(price)))))
                .expectStatus().isCreated();
    }

    private void interact(String memberId, String id, String type, String detailName, Map<String, Object> detail) {
        Map<String, Object> body = new HashMap<>();
        body.put("interactionId", id);
        body.put("channel", "EMAIL");
        body.put("type", type);
        body.put("occurredAt", Instant.now().minusSeconds(5).toString());
        body.put(detailName, detail);
        api.post("/api/v1/members/" + memberId + "/interactions", body).expectStatus().isCreated();
    }

    private Map<String, Object> evaluate() {
        return object(api.post("/api/v1/campaigns/evaluate", Map.of()).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody());
    }

    private List<Map<String, Object>> offers(String memberId) {
        return objects(api.http().get().uri("/api/v1/members/" + memberId + "/offers").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody());
    }

    private double clv(String memberId) {
        return ((Number) object(api.get("/api/v1/members/" + memberId + "/insights").get("clv")).get("amount")).doubleValue();
    }

    private double pAlive(String memberId) {
        return ((Number) api.get("/api/v1/members/" + memberId + "/insights").get("pAlive")).doubleValue();
    }
}
