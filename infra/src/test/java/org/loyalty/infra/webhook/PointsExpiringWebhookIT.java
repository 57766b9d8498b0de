package org.loyalty.infra.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.MutableClock;
import org.loyalty.infra.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * POINTS_EXPIRING: Green points expire after 6 months without a purchase; 7 days before, the
 * subscriber is told once. Moves the application's clock, so it runs in the time-travel application
 * (shared with TimeDrivenProgramIT, whose tests only read the clock relative to now).
 */
@IntegrationTest
@TestPropertySource(properties = "loyalty.test.application=time-travel")
class PointsExpiringWebhookIT {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    LoyaltyApi api;
    WebhookReceiver receiver;
    String subscriptionId;

    @BeforeEach
    void start() throws Exception {
        api = new LoyaltyApi(port);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void unsubscribe() {
        if (subscriptionId != null) {
            api.http().delete().uri("/api/v1/webhooks/{id}", subscriptionId).exchange();
        }
        receiver.close();
    }

    @Test
    void pointsExpiringWithinSevenDaysAreNotifiedOncePerMemberAndDateAndLaterOnesNotYet() {
        String path = "/expiring/" + UUID.randomUUID();
        Map<String, Object> created = object(api.post("/api/v1/webhooks", Map.of("url", receiver.url(path, call -> 200),
                "events", List.of("POINTS_EXPIRING"))).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody());
        subscriptionId = (String) created.get("subscriptionId");

        String soon = api.enroll("Sue Soon");
        Instant boughtAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        buy(soon, "10.00", boughtAt);
        Instant expiresAt = boughtAt.atZone(ZoneOffset.UTC).plusMonths(6).toInstant();
        await().untilAsserted(() -> assertThat(api.balanceView(soon)).containsEntry("pointsExpireAt", expiresAt.toString()));

        // Another member buys 15 days later: at the first one's warning, his points are 18 days from expiring.
        clock.advance(Duration.ofDays(15));
        String later = api.enroll("Lee Later");
        buy(later, "20.00", clock.instant().minusSeconds(60));
        await().untilAsserted(() -> assertThat(api.balanceView(later).get("pointsExpireAt")).isNotNull());
        Instant laterExpiresAt = Instant.parse((String) api.balanceView(later).get("pointsExpireAt"));

        clock.advanceTo(expiresAt.minus(Duration.ofDays(3)));

        await().untilAsserted(() -> assertThat(receiver.requests(path, soon)).hasSize(1));
        WebhookReceiver.Request request = receiver.requests(path, soon).get(0);
        assertThat(request.header("X-Loyalty-Event")).isEqualTo("POINTS_EXPIRING");
        LocalDate expiryDate = LocalDate.ofInstant(expiresAt, ZoneOffset.UTC);
        assertThat(request.json()).containsEntry("id", "points-expiring:" + soon + ":" + expiryDate)
                .containsEntry("type", "POINTS_EXPIRING").containsEntry("memberId", soon);
        assertThat(object(request.json().get("data"))).containsEntry("points", 10)
                .containsEntry("expiresAt", expiresAt.toString()).containsEntry("expiryDate", expiryDate.toString());

        // Scans run twice a second: still one for her, none for the later member.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(receiver.requests(path, soon)).hasSize(1);
            assertThat(receiver.requests(path, later)).isEmpty();
        });

        // Three days before his date her points are gone and his are within the window: his turn, once.
        clock.advanceTo(laterExpiresAt.minus(Duration.ofDays(3)));
        await().untilAsserted(() -> assertThat(receiver.requests(path, later)).hasSize(1));
        assertThat(object(receiver.requests(path, later).get(0).json().get("data"))).containsEntry("points", 20);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(receiver.requests(path, soon)).hasSize(1);
            assertThat(receiver.requests(path, later)).hasSize(1);
        });
    }

    private void buy(String memberId, String amount, Instant at) {
        api.post("/api/v1/pos/purchases", Map.of("transactionId", "TX-" + UUID.randomUUID(), "memberId", memberId,
                        "storeId", "STORE-1", "occurredAt", at.toString(), "currency", "USD", "paymentMethod", "CARD",
                        "items", List.of(Map.of("sku", "BEANS", "category", "coffee", "quantity", 1, "unitPrice", new BigDecimal(amount)))))
                .expectStatus().isCreated();
    }
}
