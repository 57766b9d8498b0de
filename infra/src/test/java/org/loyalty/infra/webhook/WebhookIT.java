package org.loyalty.infra.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.MutableClock;
import org.loyalty.infra.support.WebhookReceiver;
import org.loyalty.query.webhook.WebhookDeliveryTable;
import org.loyalty.query.webhook.WebhookDeliveryTable.ClaimedDelivery;
import org.loyalty.query.webhook.WebhookOutbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Webhooks end to end: a member reaching GOLD is told to a local HTTP receiver, signed, exactly once;
 * failures are retried (and given up), refusals are not, deletions stop deliveries, a reset of the
 * outbox processor sends nothing again. The test configuration retries after 0.2, 0.4 and 0.8 s, at
 * most 4 attempts, with a 1 s request timeout (see FreshEmbeddedDatabase).
 */
@IntegrationTest
class WebhookIT {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    LoyaltyApi api;
    WebhookReceiver receiver;
    final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new LoyaltyApi(port);
        receiver = new WebhookReceiver();
    }

    /** Other tests' members reach GOLD too: no subscription of this class outlives its test. */
    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> api.http().delete().uri("/api/v1/webhooks/{id}", id).exchange());
        receiver.close();
    }

    @Test
    void aMemberReachingGoldIsToldOnceToTheSubscriberSignedWithItsSecret() {
        String path = "/hooks/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> 204), "TIER_CHANGED");
        String secret = (String) created.get("secret");
        assertThat(secret).matches("[0-9a-f]{64}");

        String memberId = goldMember("Sigrid Signed");

        await().untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSize(1));
        WebhookReceiver.Request request = receiver.requests(path, memberId).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Loyalty-Event")).isEqualTo("TIER_CHANGED");
        String timestamp = request.header("X-Loyalty-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(clock.instant().getEpochSecond(), within(60L));
        assertThat(request.header("X-Loyalty-Signature")).isEqualTo("sha256=" + hmacSha256(secret, timestamp + "." + request.body()));
        Map<String, Object> body = request.json();
        assertThat(body).containsOnlyKeys("id", "type", "occurredAt", "memberId", "data")
                .containsEntry("type", "TIER_CHANGED").containsEntry("memberId", memberId);
        assertThat(Instant.parse((String) body.get("occurredAt"))).isBefore(clock.instant().plusSeconds(1));
        assertThat(object(body.get("data"))).containsEntry("fromTier", "GREEN").containsEntry("toTier", "GOLD")
                .containsEntry("reason", "QUALIFIED").containsEntry("qualifyingPoints", 500).containsKey("validUntil");

        // Exactly one: nothing else comes for this member.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSize(1));
        assertThat(deliveries(created)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("deliveryId", request.header("X-Loyalty-Delivery"))
                .containsEntry("eventId", body.get("id"))
                .containsEntry("type", "TIER_CHANGED")
                .containsEntry("memberId", memberId)
                .containsEntry("status", "DELIVERED")
                .containsEntry("attempts", 1)
                .containsEntry("lastStatusCode", 204)
                .containsEntry("nextAttemptAt", null));
        String metrics = api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("webhook_deliveries_total\\{[^}]*result=\"delivered\"[^}]*} [1-9]");
    }

    @Test
    void aSubscriberFailingTwiceWith503GetsTheDeliveryOnTheThirdAttemptSignedEachTime() {
        String path = "/flaky/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> call <= 2 ? 503 : 200), "TIER_CHANGED");

        String memberId = goldMember("Fran Flaky");

        await().untilAsserted(() -> assertThat(deliveries(created)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DELIVERED").containsEntry("attempts", 3).containsEntry("lastStatusCode", 200)));
        List<WebhookReceiver.Request> attempts = receiver.requests(path, memberId);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(WebhookReceiver.Request::body).containsOnly(attempts.get(0).body());
        assertThat(attempts).extracting(r -> r.header("X-Loyalty-Delivery")).containsOnly(attempts.get(0).header("X-Loyalty-Delivery"));
        assertThat(attempts).allSatisfy(r -> assertThat(r.header("X-Loyalty-Signature"))
                .isEqualTo("sha256=" + hmacSha256((String) created.get("secret"), r.header("X-Loyalty-Timestamp") + "." + r.body())));
    }

    @Test
    void aSubscriberAnswering410IsNotTriedAgain() {
        String path = "/gone/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> 410), "TIER_CHANGED");

        String memberId = goldMember("Gus Gone");

        await().untilAsserted(() -> assertThat(deliveries(created)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "FAILED").containsEntry("attempts", 1).containsEntry("lastStatusCode", 410)));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSize(1));
    }

    @Test
    void aSubscriberThatKeepsFailingIsTriedMaxAttemptsTimesThenTheDeliveryFails() {
        String path = "/down/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> 503), "TIER_CHANGED");

        String memberId = goldMember("Dora Down");

        await().untilAsserted(() -> assertThat(deliveries(created)).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("status", "FAILED").containsEntry("attempts", 4).containsEntry("lastStatusCode", 503);
            assertThat((String) d.get("lastError")).contains("gave up after 4 attempts");
        }));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSize(4));
    }

    @Test
    void aSubscriberThatDoesNotAnswerInTimeIsTriedAgain() {
        String path = "/slow/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> call == 1 ? WebhookReceiver.HANG : 200), "TIER_CHANGED");

        String memberId = goldMember("Sol Slow");

        await().untilAsserted(() -> assertThat(deliveries(created)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DELIVERED").containsEntry("attempts", 2).containsEntry("lastStatusCode", 200)));
        assertThat(receiver.requests(path, memberId)).hasSize(2);
    }

    @Test
    void deletingASubscriptionStopsItsDeliveriesRetriesIncluded() {
        String path = "/deleted/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> 503), "TIER_CHANGED");
        String id = (String) created.get("subscriptionId");
        String memberId = goldMember("Del Deleted");
        await().untilAsserted(() -> assertThat(receiver.requests(path, memberId)).isNotEmpty());

        api.http().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        int attemptsAtDeletion = receiver.requests(path, memberId).size();

        assertThat(deliveries(created)).singleElement().satisfies(d -> assertThat(d).containsEntry("status", "CANCELLED"));
        // At most the one attempt that was on its way; without the deletion, 4 would come within 1.5 s.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSizeLessThanOrEqualTo(attemptsAtDeletion + 1));
        assertThat(list()).extracting(s -> s.get("subscriptionId")).doesNotContain(id);

        String later = goldMember("Lou Later");
        await().until(() -> tierChangesOf(later) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requests(path, later)).isEmpty());
        assertThat(deliveries(created)).hasSize(1);
        api.http().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void aRotatedSecretSignsTheNextDeliveriesAndTheOldOneNoLonger() {
        String path = "/rotated/" + UUID.randomUUID();
        Map<String, Object> created = subscribe(receiver.url(path, call -> 200), "TIER_CHANGED");
        String id = (String) created.get("subscriptionId");

        Map<String, Object> rotated = object(api.http().post().uri("/api/v1/webhooks/{id}/rotate-secret", id).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        assertThat(rotated).containsEntry("subscriptionId", id);
        String secret = (String) rotated.get("secret");
        assertThat(secret).matches("[0-9a-f]{64}").isNotEqualTo(created.get("secret"));

        String memberId = goldMember("Rita Rotated");
        await().untilAsserted(() -> assertThat(receiver.requests(path, memberId)).hasSize(1));
        WebhookReceiver.Request request = receiver.requests(path, memberId).get(0);
        String signed = request.header("X-Loyalty-Timestamp") + "." + request.body();
        assertThat(request.header("X-Loyalty-Signature")).isEqualTo("sha256=" + hmacSha256(secret, signed))
                .isNotEqualTo("sha256=" + hmacSha256((String) created.get("secret"), signed));
        assertThat(list()).filteredOn(s -> id.equals(s.get("subscriptionId"))).singleElement()
                .satisfies(s -> assertThat(s.get("secretRotatedAt")).isNotNull());
    }

    @Test
    void theListShowsTheLiveSubscriptionsWithoutTheirSecrets() {
        Map<String, Object> created = subscribe(Map.of("url", "https://crm.example.com/loyalty/hooks",
                "events", List.of("OFFER_ISSUED", "POINTS_EXPIRING", "OFFER_ISSUED"), "description", "CRM journeys"));
        String id = (String) created.get("subscriptionId");

        String listed = api.http().get().uri("/api/v1/webhooks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).doesNotContain((String) created.get("secret")).doesNotContain("\"secret\"");
        assertThat(list()).filteredOn(s -> id.equals(s.get("subscriptionId"))).singleElement().satisfies(s -> assertThat(s)
                .containsEntry("url", "https://crm.example.com/loyalty/hooks")
                .containsEntry("events", List.of("OFFER_ISSUED", "POINTS_EXPIRING"))
                .containsEntry("description", "CRM journeys")
                .containsKey("createdAt"));
    }

    @Test
    void unknownSubscriptionsAre404NamingTheId() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            api.http().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("subscriptionId");
            api.http().post().uri("/api/v1/webhooks/{id}/rotate-secret", id).exchange().expectStatus().isNotFound();
            api.http().get().uri("/api/v1/webhooks/{id}/deliveries", id).exchange().expectStatus().isNotFound();
        }
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"events\":[\"TIER_CHANGED\"]}                                                 | url",
            "{\"url\":\"  \",\"events\":[\"TIER_CHANGED\"]}                                  | url",
            "{\"url\":\"ftp://example.org/hook\",\"events\":[\"TIER_CHANGED\"]}              | url",
            "{\"url\":\"/relative/hook\",\"events\":[\"TIER_CHANGED\"]}                      | url",
            "{\"url\":\"http://exa mple.org/\",\"events\":[\"TIER_CHANGED\"]}                | url",
            "{\"url\":\"https://example.org/hook\"}                                          | events",
            "{\"url\":\"https://example.org/hook\",\"events\":[]}                            | events",
            "{\"url\":\"https://example.org/hook\",\"events\":\"TIER_CHANGED\"}              | events",
            "{\"url\":\"https://example.org/hook\",\"events\":[\"TIER_CHANGED\",\"POINTS_EXPIRED\"]} | events[1]",
            "{\"url\":\"https://example.org/hook\",\"events\":[\"TIER_CHANGED\"],\"description\":{}} | description",
            "{\"url\":\"https://example.org/hook\",                                          | body",
    })
    void anInvalidSubscriptionIsRefusedNamingTheField(String json, String field) {
        api.http().post().uri("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void everyFaultOfASubscriptionIsNamedAtOnceAndNothingIsStored() {
        long before = jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Long.class);
        api.post("/api/v1/webhooks", Map.of("url", "mailto:ops@example.org", "events", List.of("TIER_CHANGED", "BIRTHDAY"),
                        "description", "x".repeat(501)))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("url", "events[1]", "description"))
                .jsonPath("$.errors[1].message").isEqualTo("must be one of [OFFER_ISSUED, TIER_CHANGED, POINTS_EXPIRING]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Long.class)).isEqualTo(before);
    }

    @Test
    void resettingTheOutboxProcessorSendsNoOldNotificationNotEvenToANewSubscriber() {
        String path = "/before-reset/" + UUID.randomUUID();
        Map<String, Object> early = subscribe(receiver.url(path, call -> 200), "TIER_CHANGED");
        String memberId = goldMember("Rex Replayed");
        await().untilAsserted(() -> assertThat(deliveries(early)).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("status", "DELIVERED")));
        String laterPath = "/after-reset/" + UUID.randomUUID();
        Map<String, Object> late = subscribe(receiver.url(laterPath, call -> 200), "TIER_CHANGED");
        long rowsBefore = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE member_id = ?", Long.class, memberId);

        PooledStreamingEventProcessor processor = processing
                .eventProcessor(WebhookOutbox.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(source -> source.createTailToken());
        processor.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(processor.processingStatus()).isNotEmpty()
                .allSatisfy((segment, status) -> assertThat(replayedUpToTheReset(status)).as("segment %s: %s", segment, status).isTrue()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(receiver.requests(path, memberId)).hasSize(1);
            assertThat(receiver.requests(laterPath)).isEmpty();
        });
        assertThat(deliveries(late)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE member_id = ?", Long.class, memberId))
                .isEqualTo(rowsBefore);

        // And the processor goes on with what happens after the reset.
        String next = goldMember("Nia Next");
        await().untilAsserted(() -> assertThat(receiver.requests(laterPath, next)).hasSize(1));
    }

    @Test
    void twoNodesClaimingAtTheSameTimeNeverTakeTheSameDelivery() throws Exception {
        // Due only at a time far ahead of the running dispatcher's clock, so that only the two claimers below take them.
        Instant due = clock.instant().plus(Duration.ofDays(3650));
        UUID subscription = UUID.randomUUID();
        jdbc.update("INSERT INTO webhook_subscription (subscription_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, now())",
                subscription, "http://127.0.0.1:9/never", new String[] {"TIER_CHANGED"}, "s");
        for (int i = 0; i < 300; i++) {
            jdbc.update("""
                    INSERT INTO webhook_delivery (delivery_id, subscription_id, event_id, event_type, member_id, occurred_at, payload, status,
                                                  next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'TIER_CHANGED', 'M', now(), '{}', 'PENDING', ?, now())""", UUID.randomUUID(), subscription,
                    "evt-" + i, Timestamp.from(due));
        }
        WebhookDeliveryTable table = new WebhookDeliveryTable(jdbc);
        Callable<List<UUID>> node = () -> {
            List<UUID> mine = new ArrayList<>();
            for (List<ClaimedDelivery> batch;
                 !(batch = table.claimDue(due, due.plusSeconds(60), 7)).isEmpty(); ) {
                batch.forEach(d -> mine.add(d.deliveryId()));
            }
            return mine;
        };
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> claims = nodes.invokeAll(List.of(node, node));
            List<UUID> first = claims.get(0).get();
            List<UUID> second = claims.get(1).get();
            assertThat(first).doesNotContainAnyElementsOf(second);
            assertThat(first.size() + second.size()).isEqualTo(300);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND attempts = 1",
                    Long.class, subscription)).isEqualTo(300);
        } finally {
            nodes.shutdownNow();
            jdbc.update("UPDATE webhook_delivery SET status = 'CANCELLED' WHERE subscription_id = ?", subscription);
            jdbc.update("UPDATE webhook_subscription SET deleted_at = now() WHERE subscription_id = ?", subscription);
        }
    }

    // ---- helpers ----

    private Map<String, Object> subscribe(String url, String... events) {
        return subscribe(Map.of("url", url, "events", List.of(events), "description", "test " + url));
    }

    private Map<String, Object> subscribe(Map<String, Object> body) {
        Map<String, Object> created = object(api.post("/api/v1/webhooks", body).expectStatus().isCreated()
                .expectHeader().exists("Location")
                .expectBody(Map.class).returnResult().getResponseBody());
        assertThat(created).containsOnlyKeys("subscriptionId", "secret");
        subscriptions.add((String) created.get("subscriptionId"));
        return created;
    }

    private List<Map<String, Object>> list() {
        return objects(api.http().get().uri("/api/v1/webhooks").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody());
    }

    private List<Map<String, Object>> deliveries(Map<String, Object> subscription) {
        return objects(api.http().get().uri("/api/v1/webhooks/{id}/deliveries", subscription.get("subscriptionId")).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody());
    }

    /** A new member who buys 500 points' worth at 1 point per unit, reaching GOLD: one TierChanged. */
    private String goldMember(String name) {
        String memberId = api.enroll(name);
        api.post("/api/v1/pos/purchases", Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId,
                        "storeId", "STORE-1", "occurredAt", clock.instant().minusSeconds(30).toString(), "currency", "USD",
                        "paymentMethod", "CARD",
                        "items", List.of(Map.of("sku", "BEANS", "category", "coffee", "quantity", 1, "unitPrice", new BigDecimal("500.00")))))
                .expectStatus().isCreated();
        return memberId;
    }

    private long tierChangesOf(String memberId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                 WHERE aggregateidentifier = ? AND payloadtype = 'org.loyalty.api.tier.TierChanged'""", Long.class, memberId);
    }

    /** Computed here, independently of the application's signer. */
    private static String hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean replayedUpToTheReset(EventTrackerStatus status) {
        return !status.isReplaying()
                || status.getCurrentPosition().orElse(-1) >= status.getResetPosition().orElse(Long.MAX_VALUE);
    }
}
