package org.loyalty.infra.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention views over HTTP: members with different purchase rhythms and service histories, a
 * refit, and what the insights, churn-risk, VIP, segment and metrics endpoints then say about them.
 */
@IntegrationTest
class AnalyticsIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RefitSchedule schedule;
    LoyaltyApi api;

    /** Posted once for the class: enough members with varied histories for the models to have something to fit. */
    private static boolean populated;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
        if (!populated) {
            postPopulation();
            populated = true;
        }
    }

    /**
     * 60 members, no two alike: first purchases 20 to 320 days ago, one to six weeks between visits,
     * and a last visit after 1 to 13 purchases (some still buying). Deterministic, so every run fits the same.
     */
    private void postPopulation() {
        Instant now = Instant.now();
        List<String> members = new java.util.ArrayList<>();
        long days = 0;
        for (int i = 0; i < 60; i++) {
            String memberId = api.enroll("Pop Member " + i);
            members.add(memberId);
            int firstDaysAgo = 20 + (i * 37) % 300;
            int gap = 7 * (1 + i % 6);
            int visits = 1 + (i * 7) % 13;
            for (int v = 0; v < visits && firstDaysAgo - v * gap >= 0; v++) {
                buy(memberId, now.minus(Duration.ofDays(firstDaysAgo - (long) v * gap)), (5 + i % 9) + ".50");
                days++;
            }
        }
        awaitPurchaseDays(members, days);
    }

    @Test
    void membersWhoStoppedBuyingOrComplainRankAsRiskierAndBigSpendersAsVips() {
        Instant now = Instant.now();
        String regular = buyer("Rae Regular", now.minus(Duration.ofDays(3)), 7, 15, "20.00");
        String lapsed = buyer("Lars Lapsed", now.minus(Duration.ofDays(250)), 7, 15, "20.00");
        String complainer = buyer("Cora Complainer", now.minus(Duration.ofDays(3)), 7, 15, "20.00");
        String bigSpender = buyer("Bianca Big", now.minus(Duration.ofDays(1)), 5, 20, "400.00");
        interact(complainer, "COMPLAINT", now.minus(Duration.ofHours(2)), "complaint",
                Map.of("category", "SERVICE", "description", "Order wrong twice"));
        interact(complainer, "SURVEY_ANSWER", now.minus(Duration.ofHours(1)), "survey", Map.of("kind", "NPS", "score", 2));
        awaitPurchaseDays(List.of(regular, lapsed, complainer, bigSpender), 15 + 15 + 15 + 20);
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM complaint WHERE member_id = ?", Long.class, complainer) == 1
                && jdbc.queryForObject("SELECT count(*) FROM survey_answer WHERE member_id = ?", Long.class, complainer) == 1);

        Map<String, Object> fit = refit();
        assertThat(fit).containsEntry("kind", "BG_NBD").containsEntry("asOf", LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(object(fit.get("parameters"))).containsOnlyKeys("r", "alpha", "a", "b");
        assertThat(((Number) fit.get("membersScored")).intValue()).isGreaterThanOrEqualTo(4);

        Map<String, Object> rae = insights(regular);
        Map<String, Object> lars = insights(lapsed);
        Map<String, Object> cora = insights(complainer);
        Map<String, Object> bianca = insights(bigSpender);
        assertThat(object(rae.get("purchases"))).containsEntry("frequency", 14).containsEntry("purchaseDays", 15)
                .containsEntry("daysSinceLastPurchase", 3).containsEntry("daysPerTimeUnit", 7);
        assertThat(number(rae, "pAlive")).isGreaterThan(number(lars, "pAlive"));
        assertThat(number(object(rae.get("expectedPurchases")), "count")).isGreaterThan(number(object(lars.get("expectedPurchases")), "count"));
        assertThat(object(rae.get("expectedPurchases"))).containsEntry("days", 90);
        assertThat(number(object(bianca.get("clv")), "amount")).isGreaterThan(number(object(rae.get("clv")), "amount")).isPositive();
        assertThat(object(rae.get("rfm"))).containsKeys("recency", "frequency", "monetary", "segment");
        // Quintiles are relative to everyone scored (the other tests' members too), so only the order is certain.
        assertThat(number(object(lars.get("rfm")), "recency")).isLessThanOrEqualTo(number(object(rae.get("rfm")), "recency"));

        Map<String, Object> raeRisk = object(rae.get("risk"));
        Map<String, Object> coraRisk = object(cora.get("risk"));
        assertThat(number(coraRisk, "score")).isGreaterThan(number(raeRisk, "score"));
        assertThat(String.join(" | ", strings(coraRisk.get("reasons")))).containsIgnoringCase("complaint").contains("NPS");
        assertThat(String.join(" | ", strings(raeRisk.get("reasons")))).doesNotContainIgnoringCase("complaint");
        assertThat(object(cora.get("service"))).containsEntry("openComplaints", 1).containsEntry("latestNps", 2);
        assertThat(number(object(lars.get("risk")), "score")).as("a member gone quiet for 250 days")
                .isGreaterThan(number(raeRisk, "score"));

        List<Map<String, Object>> atRisk = objects(api.get("/api/v1/analytics/churn-risk?minRisk=0&limit=1000").get("members"));
        assertThat(atRisk).extracting(m -> ((Number) m.get("riskScore")).intValue()).isSortedAccordingTo((a, b) -> b - a);
        List<Object> order = atRisk.stream().map(m -> m.get("memberId")).toList();
        assertThat(order.indexOf(lapsed)).isNotNegative().isLessThan(order.indexOf(regular));
        assertThat(objects(api.get("/api/v1/analytics/churn-risk?minRisk=100&limit=5").get("members")))
                .allSatisfy(m -> assertThat(((Number) m.get("riskScore")).intValue()).isEqualTo(100));

        List<Map<String, Object>> vips = objects(api.get("/api/v1/analytics/vip").get("members"));
        assertThat(vips).extracting(m -> m.get("memberId")).contains(bigSpender).doesNotContain(lapsed);
        assertThat(vips).extracting(m -> ((Number) m.get("clv")).doubleValue()).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        Map<String, Object> segments = api.get("/api/v1/analytics/segments");
        long segmented = objects(segments.get("segments")).stream().mapToLong(s -> ((Number) s.get("members")).longValue()).sum();
        assertThat(segmented).isEqualTo(((Number) fit.get("membersScored")).longValue());
        assertThat(segments).containsEntry("modelId", fit.get("modelId"));
    }

    @Test
    void programMetricsFollowTheirDefinitionsOverADateRange() {
        // A year of its own (2001), so that other tests' data do not reach the figures.
        String kept = buyerOn("Kim Kept", "2000-11-01T10:00:00Z", "2001-11-01T10:00:00Z");
        buyerOn("Leo Lost", "2000-10-01T10:00:00Z");
        String newcomer = buyerOn("Nia New", "2001-05-01T10:00:00Z", "2001-10-01T10:00:00Z");
        for (int score : List.of(10, 9, 3)) {
            interact(kept, "SURVEY_ANSWER", Instant.parse("2001-06-0" + (score % 7 + 1) + "T09:00:00Z"), "survey", Map.of("kind", "NPS", "score", score));
        }
        interact(kept, "SURVEY_ANSWER", Instant.parse("2001-06-10T09:00:00Z"), "survey", Map.of("kind", "CSAT", "score", 5));
        interact(newcomer, "SURVEY_ANSWER", Instant.parse("2001-06-11T09:00:00Z"), "survey", Map.of("kind", "CSAT", "score", 2));
        interact(newcomer, "SURVEY_ANSWER", Instant.parse("2001-06-12T09:00:00Z"), "survey", Map.of("kind", "CES", "score", 2));
        interact(kept, "SURVEY_ANSWER", Instant.parse("2001-06-13T09:00:00Z"), "survey", Map.of("kind", "CES", "score", 4));
        String quick = interact(kept, "SUPPORT_REQUEST_OPENED", Instant.parse("2001-03-05T10:00:00Z"), "support",
                Map.of("topic", "Card lost", "description", "Lost my card"));
        interact(kept, "SUPPORT_REQUEST_RESOLVED", Instant.parse("2001-03-05T12:00:00Z"), "resolution",
                Map.of("ticketId", quick, "resolution", "New card sent", "solvedAtFirstContact", true));
        String slow = interact(newcomer, "SUPPORT_REQUEST_OPENED", Instant.parse("2001-03-10T10:00:00Z"), "support",
                Map.of("topic", "Points missing", "description", "No points for May"));
        interact(newcomer, "SUPPORT_REQUEST_RESOLVED", Instant.parse("2001-03-10T16:00:00Z"), "resolution",
                Map.of("ticketId", slow, "resolution", "Points credited", "solvedAtFirstContact", false));
        await().until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM member_purchase_day WHERE day BETWEEN '2000-01-01' AND '2001-12-31'""", Long.class) == 5
                && jdbc.queryForObject("SELECT count(*) FROM survey_answer WHERE answered_at < '2002-01-01'", Long.class) == 7
                && jdbc.queryForObject("SELECT count(*) FROM support_ticket WHERE resolved_at < '2002-01-01'", Long.class) == 2);

        Map<String, Object> report = api.get("/api/v1/analytics/metrics?from=2001-01-01&to=2001-12-31");

        // S: Kim and Leo bought in the 180 days before 2001; N: Nia; E: Kim and Nia bought in the last 180 days of it.
        assertThat(report).containsEntry("activeAtStart", 2).containsEntry("newCustomers", 1).containsEntry("activeAtEnd", 2)
                .containsEntry("retentionRate", 50.0).containsEntry("churnRate", 50.0).containsEntry("activityWindowDays", 180);
        assertThat(object(report.get("nps"))).containsEntry("value", 33.33).containsEntry("answers", 3);
        assertThat(object(report.get("csat"))).containsEntry("value", 50.0).containsEntry("answers", 2);
        assertThat(object(report.get("ces"))).containsEntry("value", 3.0).containsEntry("answers", 2);
        assertThat(object(report.get("support"))).containsEntry("opened", 2).containsEntry("resolved", 2)
                .containsEntry("firstContactResolutionRate", 50.0)
                .containsEntry("meanTimeToResolution", "PT4H").containsEntry("medianTimeToResolution", "PT4H");
        assertThat(object(report.get("membersPerTier"))).containsKey("GREEN");

        Map<String, Object> empty = api.get("/api/v1/analytics/metrics?from=1990-01-01&to=1990-01-31");
        assertThat(empty).containsEntry("activeAtStart", 0).containsEntry("retentionRate", null);
        assertThat(object(empty.get("nps"))).containsEntry("value", null).containsEntry("answers", 0);
    }

    @Test
    void aMemberWithoutPurchasesHasNoModelFiguresAndUnknownMembersAre404() {
        String memberId = api.enroll("Nora Nobuy");
        await().until(() -> api.balance(memberId) != null);

        Map<String, Object> insights = insights(memberId);

        assertThat(insights).containsEntry("memberId", memberId).containsEntry("pAlive", null).containsEntry("purchases", null)
                .containsEntry("clv", null).containsEntry("tier", "GREEN");
        assertThat(object(insights.get("risk"))).containsEntry("score", 0).containsEntry("reasons", List.of("no purchases yet"));
        api.http().get().uri("/api/v1/members/nobody-" + UUID.randomUUID() + "/insights").exchange().expectStatus().isNotFound();
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        String memberId = api.enroll("Pat Params");
        badRequest("/api/v1/members/" + memberId + "/insights?horizonDays=0", "horizonDays");
        badRequest("/api/v1/members/" + memberId + "/insights?asOf=2999-01-01", "asOf");
        badRequest("/api/v1/members/" + memberId + "/insights?asOf=yesterday", "asOf");
        badRequest("/api/v1/analytics/churn-risk?minRisk=101", "minRisk");
        badRequest("/api/v1/analytics/churn-risk?limit=0", "limit");
        badRequest("/api/v1/analytics/metrics?from=2026-02-01&to=2026-01-01", "from");
        api.post("/api/v1/analytics/models/refit?asOf=2999-01-01", Map.of()).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
        api.post("/api/v1/analytics/models/refit?model=NEURAL_NET", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("model");
        api.post("/api/v1/analytics/models/refit?asOf=1980-01-01", Map.of()).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
    }

    @Test
    void theScheduleRefitsOnlyWhenTheNewestModelIsOlderThanTheInterval() {
        String sam = buyer("Sam Schedule", Instant.now().minus(Duration.ofDays(2)), 10, 3, "5.00");
        String sue = buyer("Sue Schedule", Instant.now().minus(Duration.ofDays(30)), 20, 2, "8.00");
        awaitPurchaseDays(List.of(sam, sue), 5);
        refit();
        long fits = jdbc.queryForObject("SELECT count(*) FROM retention_model", Long.class);

        schedule.refitIfStale();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM retention_model", Long.class)).as("a fresh model is kept").isEqualTo(fits);
        jdbc.update("UPDATE retention_model SET fitted_at = fitted_at - interval '2 days'");
        schedule.refitIfStale();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM retention_model", Long.class)).as("a stale one is replaced").isEqualTo(fits + 1);
    }

    // ---- helpers ----

    private Map<String, Object> refit() {
        var result = api.post("/api/v1/analytics/models/refit", Map.of()).expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("refit answered %s", result.getResponseBody()).isEqualTo(200);
        try {
            return object(new com.fasterxml.jackson.databind.ObjectMapper().readValue(result.getResponseBody(), Map.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void badRequest(String uri, String field) {
        api.http().get().uri(uri).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** A member who bought {@code count} times, {@code everyDays} apart, the last time at {@code last}. */
    private String buyer(String name, Instant last, int everyDays, int count, String price) {
        String memberId = api.enroll(name);
        for (int i = count - 1; i >= 0; i--) {
            buy(memberId, last.minus(Duration.ofDays((long) i * everyDays)), price);
        }
        return memberId;
    }

    private String buyerOn(String name, String... times) {
        String memberId = api.enroll(name);
        for (String at : times) {
            buy(memberId, Instant.parse(at), "10.00");
        }
        return memberId;
    }

    private void buy(String memberId, Instant at, String price) {
        api.postPurchase(Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId, "storeId", "S-1",
                "occurredAt", at.toString(), "currency", "USD", "paymentMethod", "CARD",
                "items", List.of(Map.of("sku", "LATTE", "category", "coffee", "quantity", 1, "unitPrice", new java.math.BigDecimal(price)))))
                .expectStatus().isCreated();
    }

    /** Records an interaction and returns its id. */
    private String interact(String memberId, String type, Instant at, String detailName, Map<String, Object> detail) {
        String id = "AN-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("interactionId", id);
        body.put("channel", "EMAIL");
        body.put("type", type);
        body.put("occurredAt", at.toString());
        body.put(detailName, detail);
        api.post("/api/v1/members/" + memberId + "/interactions", body).expectStatus().isCreated();
        return id;
    }

    private void awaitPurchaseDays(List<String> members, long days) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(purchase_days), 0) FROM member_purchase_stats WHERE member_id = ANY(?)", Long.class,
                (Object) members.toArray(String[]::new)) == days);
    }

    private Map<String, Object> insights(String memberId) {
        return api.get("/api/v1/members/" + memberId + "/insights");
    }

    private static double number(Map<String, Object> json, String field) {
        assertThat(json).containsKey(field);
        return ((Number) json.get(field)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object json) {
        return (List<String>) json;
    }
}
