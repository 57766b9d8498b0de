package org.loyalty.infra.interaction;

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
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.loyalty.infra.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Interactions over HTTP on the embedded PostgreSQL: every type, the refusals, retries, and the timeline they appear in. */
@IntegrationTest
class InteractionIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    LoyaltyApi api;
    String memberId;
    /** The application's now when the member enrolled (other tests may have moved its clock). */
    Instant start;

    @BeforeEach
    void aMember() {
        api = new LoyaltyApi(port);
        memberId = api.enroll("Ivo Interacting");
        start = clock.instant();
    }

    // ---- requests ----

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private Map<String, Object> interaction(String id, String channel, String type, Instant at, String detailName, Map<String, Object> detail) {
        Map<String, Object> body = new HashMap<>();
        body.put("interactionId", id);
        body.put("channel", channel);
        body.put("type", type);
        body.put("occurredAt", at.toString());
        if (detailName != null) {
            body.put(detailName, detail);
        }
        return body;
    }

    private Map<String, Object> supportOpened(String id, Instant at) {
        return interaction(id, "PHONE", "SUPPORT_REQUEST_OPENED", at, "support",
                Map.of("topic", "Missing points", "description", "My purchase earned nothing"));
    }

    private Map<String, Object> resolution(String id, String ticketId, boolean firstContact, Instant at) {
        return interaction(id, "CHAT", "SUPPORT_REQUEST_RESOLVED", at, "resolution",
                Map.of("ticketId", ticketId, "resolution", "Points credited by hand", "solvedAtFirstContact", firstContact));
    }

    private Map<String, Object> complaint(String id, Instant at) {
        return interaction(id, "EMAIL", "COMPLAINT", at, "complaint", Map.of("category", "SERVICE", "description", "Waited 20 minutes"));
    }

    private Map<String, Object> survey(String id, String kind, Object score, Instant at) {
        return interaction(id, "SMS", "SURVEY_ANSWER", at, "survey", Map.of("kind", kind, "score", score));
    }

    private Map<String, Object> appVisit(String id, Instant at) {
        return interaction(id, "APP", "APP_VISIT", at, "appVisit", Map.of("screen", "rewards", "durationSeconds", 95));
    }

    private Map<String, Object> review(String id, int rating, Instant at) {
        return interaction(id, "SOCIAL", "REVIEW", at, "review", Map.of("rating", rating, "text", "Great coffee, slow queue"));
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return post(memberId, body);
    }

    private WebTestClient.ResponseSpec post(String member, Map<String, Object> body) {
        return api.post("/api/v1/members/" + member + "/interactions", body);
    }

    private Instant at(int secondsAfterStart) {
        return start.plusSeconds(secondsAfterStart);
    }

    private List<Map<String, Object>> timeline(String member) {
        return objects(api.get("/api/v1/members/" + member + "/timeline?limit=100").get("entries"));
    }

    // ---- every type, and the timeline ----

    @Test
    void everyTypeIsRecordedAndTheTimelineShowsThemWithThePurchaseNewestFirst() {
        String ticket = newId("SUP");
        String complaintId = newId("CMP");
        Map<String, Object> basket = new HashMap<>(LoyaltyApi.purchase(LoyaltyApi.newTransactionId(), memberId, "12.50"));
        basket.put("occurredAt", at(5).toString());
        api.postPurchase(basket).expectStatus().isCreated();

        post(supportOpened(ticket, at(10))).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody()
                .jsonPath("$.memberId").isEqualTo(memberId)
                .jsonPath("$.interactionId").isEqualTo(ticket)
                .jsonPath("$.type").isEqualTo("SUPPORT_REQUEST_OPENED")
                .jsonPath("$.channel").isEqualTo("PHONE")
                .jsonPath("$.ticketId").isEqualTo(ticket);
        post(resolution(newId("RES"), ticket, true, at(20))).expectStatus().isCreated()
                .expectBody().jsonPath("$.ticketId").isEqualTo(ticket);
        post(complaint(complaintId, at(30))).expectStatus().isCreated()
                .expectBody().jsonPath("$.ticketId").isEqualTo(complaintId);
        post(survey(newId("NPS"), "NPS", 9, at(40))).expectStatus().isCreated();
        post(survey(newId("CSAT"), "CSAT", 4, at(50))).expectStatus().isCreated();
        post(survey(newId("CES"), "CES", 2, at(60))).expectStatus().isCreated()
                .expectBody().jsonPath("$.type").isEqualTo("SURVEY_ANSWER").jsonPath("$.ticketId").doesNotExist();
        post(appVisit(newId("APP"), at(70))).expectStatus().isCreated();
        post(review(newId("REV"), 4, at(80))).expectStatus().isCreated();
        post(resolution(newId("RES"), complaintId, false, at(90))).expectStatus().isCreated();

        await().untilAsserted(() -> assertThat(timeline(memberId)).hasSize(12));
        List<Map<String, Object>> entries = timeline(memberId);
        assertThat(entries).extracting(e -> e.get("kind")).containsExactly(
                "SUPPORT_REQUEST_RESOLVED", "REVIEW", "APP_VISIT", "SURVEY_ANSWER", "SURVEY_ANSWER", "SURVEY_ANSWER", "COMPLAINT",
                "SUPPORT_REQUEST_RESOLVED", "SUPPORT_REQUEST_OPENED", "POINTS_EARNED", "PURCHASE", "ENROLLED");
        assertThat(entries).extracting(e -> e.get("summary")).containsExactly(
                "Complaint " + complaintId + " resolved in chat: Points credited by hand",
                "Posted a 4-star review on social media",
                "Visited the app (rewards)",
                "Answered a CES survey by SMS: 2 of 7",
                "Answered a CSAT survey by SMS: 4 of 5",
                "Answered a NPS survey by SMS: 9 of 10",
                "Complained by email about SERVICE",
                "Support request " + ticket + " resolved in chat at first contact: Points credited by hand",
                "Asked for help by phone: Missing points",
                "Earned 12 points on purchase " + basket.get("transactionId"),
                "Bought 1 item for 12.50 USD at STORE-1",
                "Joined the program in GREEN");
        assertThat(entries).extracting(e -> Instant.parse((String) e.get("occurredAt")))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(object(entries.get(5).get("detail"))).containsEntry("surveyKind", "NPS").containsEntry("score", 9)
                .containsEntry("channel", "SMS");
        assertThat(object(entries.get(10).get("detail"))).containsEntry("transactionId", basket.get("transactionId"))
                .containsEntry("netTotal", 12.50).containsEntry("itemCount", 1).containsEntry("paymentMethod", "CARD");
        assertThat(object(entries.get(0).get("detail"))).containsEntry("ticketId", complaintId).containsEntry("ticketKind", "COMPLAINT")
                .containsEntry("solvedAtFirstContact", false);

        // The tables for service metrics.
        assertThat(jdbc.queryForMap("SELECT kind, channel, subject, resolved_at IS NOT NULL AS resolved, solved_at_first_contact,"
                + " resolution_channel FROM support_ticket WHERE member_id = ? AND ticket_id = ?", memberId, ticket))
                .containsEntry("kind", "SUPPORT_REQUEST").containsEntry("channel", "PHONE").containsEntry("subject", "Missing points")
                .containsEntry("resolved", true).containsEntry("solved_at_first_contact", true).containsEntry("resolution_channel", "CHAT");
        assertThat(jdbc.queryForMap("SELECT status, category, closed_at IS NOT NULL AS closed FROM complaint WHERE member_id = ?", memberId))
                .containsEntry("status", "CLOSED").containsEntry("category", "SERVICE").containsEntry("closed", true);
        assertThat(jdbc.queryForList("SELECT survey_kind || ':' || score FROM survey_answer WHERE member_id = ? ORDER BY answered_at",
                String.class, memberId)).containsExactly("NPS:9", "CSAT:4", "CES:2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM app_visit WHERE member_id = ? AND duration_seconds = 95", Long.class, memberId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT rating FROM member_review WHERE member_id = ?", Integer.class, memberId)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM support_ticket WHERE member_id = ? AND resolved_at IS NULL", Long.class,
                memberId)).isZero();
    }

    @Test
    void openTicketsAndComplaintsStayOpenUntilResolved() {
        post(supportOpened(newId("SUP"), at(10))).expectStatus().isCreated();
        String complaintId = newId("CMP");
        post(complaint(complaintId, at(20))).expectStatus().isCreated();

        await().untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM support_ticket WHERE member_id = ? AND resolved_at IS NULL"
                    + " AND kind = 'SUPPORT_REQUEST'", Long.class, memberId)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM complaint WHERE member_id = ? AND status = 'OPEN'", Long.class, memberId))
                    .isEqualTo(1);
        });
    }

    @Test
    void theTimelinePagesNewestFirstWithoutSkippingOrRepeating() {
        for (int i = 1; i <= 11; i++) {
            // Pairs at the same instant: the cursor must not skip the second of a pair.
            post(survey(newId("NPS"), "NPS", i - 1, at(10 + i / 2))).expectStatus().isCreated();
        }
        await().untilAsserted(() -> assertThat(timeline(memberId)).hasSize(12));
        List<Map<String, Object>> all = timeline(memberId);

        List<Map<String, Object>> paged = new ArrayList<>();
        Object cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = api.get("/api/v1/members/" + memberId + "/timeline?limit=5" + (cursor == null ? "" : "&before=" + cursor));
            paged.addAll(objects(page.get("entries")));
            cursor = page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all);
        assertThat(all.get(11).get("kind")).isEqualTo("ENROLLED");
        assertThat(all).extracting(e -> object(e.get("detail")).get("score")).startsWith(10, 9, 8, 7);
    }

    // ---- refusals ----

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({
            "NPS, 11, NPS must be 0 to 10",
            "NPS, -1, NPS must be 0 to 10",
            "CSAT, 0, CSAT must be 1 to 5",
            "CSAT, 6, CSAT must be 1 to 5",
            "CES, 0, CES must be 1 to 7",
            "CES, 8, CES must be 1 to 7"})
    void aScoreOffItsScaleIs400NamingTheField(String kind, int score, String message) {
        post(survey(newId("S"), kind, score, at(0))).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://loyalty-platform.dev/problems/invalid-request")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("survey.score")
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }

    @Test
    void aFractionalScoreIs400NamingTheField() {
        post(survey(newId("S"), "NPS", new BigDecimal("9.5"), at(0))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("survey.score");
    }

    @Test
    void unknownChannelTypeAndSurveyKindAre400NamingEachField() {
        Map<String, Object> fax = review(newId("R"), 5, at(0));
        fax.put("channel", "FAX");
        post(fax).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("channel")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of [IN_STORE, PHONE, EMAIL, SMS, CHAT, SOCIAL, FORUM, APP]");

        post(interaction(newId("X"), "PHONE", "CALLBACK", at(0), null, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("type");

        post(survey(newId("S"), "STARS", 3, at(0))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("survey.kind");
    }

    @Test
    void everyFaultOfARequestIsNamedAtOnceAndNothingIsStored() {
        String id = newId("BAD");
        Map<String, Object> bad = survey(id, "NPS", 11, at(3600));
        bad.put("channel", "FAX");
        bad.put("review", Map.of("rating", 9));
        post(bad).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(objectsOf(fields))
                        .containsExactly("channel", "occurredAt", "review", "survey.score"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM interaction_claim WHERE interaction_id = ?", Long.class, id)).isZero();
    }

    @Test
    void missingDetailsTooLongTextsAndAppVisitsOutsideTheAppAre400() {
        post(interaction(newId("R"), "SOCIAL", "REVIEW", at(0), null, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("review");
        post(interaction(newId("R"), "SOCIAL", "REVIEW", at(0), "review", Map.of("rating", 5, "text", "x".repeat(2001))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("review.text")
                .jsonPath("$.errors[0].message").isEqualTo("must be at most 2000 characters");
        post(interaction(newId("A"), "PHONE", "APP_VISIT", at(0), null, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("channel");
        post(interaction(newId("R"), "FORUM", "REVIEW", at(0), "review", Map.of("rating", 0))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("review.rating");
    }

    @Test
    void aContactMoreThanFiveMinutesAheadIs400() {
        post(appVisit(newId("APP"), clock.instant().plus(Duration.ofMinutes(10)))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt")
                .jsonPath("$.errors[0].message").isEqualTo("must not be in the future");
    }

    @Test
    void resolvingATicketThatWasNeverOpenedHereIs422AndResolvingItTwiceIs409() {
        String otherMember = api.enroll("Olga Other");
        String theirs = newId("SUP");
        post(otherMember, supportOpened(theirs, at(10))).expectStatus().isCreated();
        post(resolution(newId("RES"), theirs, true, at(20))).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resolution.ticketId");
        post(resolution(newId("RES"), "NEVER-OPENED", true, at(20))).expectStatus().isEqualTo(422);

        String mine = newId("SUP");
        post(supportOpened(mine, at(10))).expectStatus().isCreated();
        post(resolution(newId("RES"), mine, true, at(20))).expectStatus().isCreated();
        post(resolution(newId("RES"), mine, false, at(30))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resolution.ticketId");
    }

    @Test
    void anUnknownMemberIs404() {
        post("nobody-here", review(newId("R"), 5, at(0))).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberId");
        api.http().get().uri("/api/v1/members/nobody-here/timeline").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPageSizeOutOfRangeOrACursorFromElsewhereIs400NamingTheParameter() {
        await().untilAsserted(() -> assertThat(timeline(memberId)).hasSize(1));
        for (String limit : List.of("0", "101", "ten")) {
            api.http().get().uri("/api/v1/members/{id}/timeline?limit=" + limit, memberId).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        }
        api.http().get().uri("/api/v1/members/{id}/timeline?before=-5", memberId).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("before");
    }

    // ---- retries ----

    @Test
    void aRetryGetsTheSameAnswerAndCountsOnce() {
        Map<String, Object> body = survey(newId("NPS"), "NPS", 10, at(10));
        String first = post(body).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody(String.class).returnResult().getResponseBody();
        String again = post(body).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
        await().untilAsserted(() -> assertThat(timeline(memberId)).hasSize(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM survey_answer WHERE member_id = ?", Long.class, memberId)).isEqualTo(1);
    }

    @Test
    void theSameIdWithOtherContentOrForAnotherMemberIs409() {
        String id = newId("REV");
        post(review(id, 5, at(10))).expectStatus().isCreated();
        post(review(id, 1, at(10))).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("interactionId");
        post(api.enroll("Otto Other"), review(id, 5, at(10))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("interactionId");
    }

    @Test
    void twentyConcurrentPostsOfAMembersFirstInteractionRecordItOnce() {
        String newcomer = api.enroll("Nina Newcomer");
        Map<String, Object> body = supportOpened(newId("SUP"), at(10));
        WebClient client = TestTokens.adminClient(port);
        CountDownLatch go = new CountDownLatch(1);
        Mono<List<ResponseEntity<String>>> all = Flux.range(0, 20)
                .flatMap(i -> Mono.fromRunnable(() -> awaitQuietly(go)).subscribeOn(Schedulers.boundedElastic())
                        .then(client.post().uri("/api/v1/members/" + newcomer + "/interactions").bodyValue(body)
                                .exchangeToMono(response -> response.toEntity(String.class))), 20)
                .collectList().cache();
        all.subscribe();
        go.countDown();
        List<ResponseEntity<String>> answers = all.block(Duration.ofSeconds(60));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> "false".equals(a.getHeaders().getFirst("Idempotent-Replayed")))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "interactions/" + newcomer)).isEqualTo(1);
    }

    @Test
    void tenConcurrentDifferentFirstInteractionsOfAMemberAreAllRecorded() {
        String newcomer = api.enroll("Nick Newcomer");
        List<Map<String, Object>> bodies = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> review(newId("REV"), i % 5 + 1, at(i))).toList();
        WebClient client = TestTokens.adminClient(port);
        CountDownLatch go = new CountDownLatch(1);
        Mono<List<ResponseEntity<String>>> all = Flux.fromIterable(bodies)
                .flatMap(body -> Mono.fromRunnable(() -> awaitQuietly(go)).subscribeOn(Schedulers.boundedElastic())
                        .then(client.post().uri("/api/v1/members/" + newcomer + "/interactions").bodyValue(body)
                                .exchangeToMono(response -> response.toEntity(String.class))), bodies.size())
                .collectList().cache();
        all.subscribe();
        go.countDown();
        List<ResponseEntity<String>> answers = all.block(Duration.ofSeconds(60));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).as(a.getBody()).isEqualTo(201));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "interactions/" + newcomer)).isEqualTo(10);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objectsOf(Object json) {
        return (List<Object>) json;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
