package org.loyalty.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class ObservabilityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void businessCountersAndProcessorLagAreOnThePrometheusScrape() {
        LoyaltyApi api = new LoyaltyApi(port);
        // The processor starts at the head of the store: wait until it has its tokens, or the purchase may predate them.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM tokenentry WHERE processorname = ? AND token IS NOT NULL", Integer.class,
                BusinessMetrics.PROCESSING_GROUP) > 0);
        String memberId = api.enroll("Meg Meters");
        api.postPurchase(purchase(newTransactionId(), memberId, "5.00")).expectStatus().isCreated();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape(api);
            assertThat(value(scrape, "loyalty_purchases_recorded_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "loyalty_points_earned_total")).isGreaterThanOrEqualTo(5);
            assertThat(scrape)
                    .contains("loyalty_points_redeemed_total")
                    .contains("loyalty_points_expired_total")
                    .contains("loyalty_offers_issued_total{")
                    .containsPattern("loyalty_processor_lag_events\\{[^}]*processor=\"member-accounts\"[^}]*} \\d")
                    .containsPattern("loyalty_processor_lag_events\\{[^}]*processor=\"business-metrics\"[^}]*} \\d")
                    .containsPattern("loyalty_processor_lag_seconds\\{[^}]*processor=\"member-accounts\"[^}]*} \\d");
        });
    }

    @Test
    void theRequestsCorrelationIdIsReturnedAndStoredOnTheEvents() {
        LoyaltyApi api = new LoyaltyApi(port);
        String memberId = api.enroll("Cora Relation");
        String transactionId = newTransactionId();
        String correlationId = "pos-7:req_" + transactionId.replaceAll("[^A-Za-z0-9]", "");

        api.as(TestTokens.pos("STORE-1")).http().post().uri("/api/v1/pos/purchases").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", correlationId)
                .bodyValue(purchase(transactionId, memberId, "4.00"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Correlation-Id", correlationId);

        String metadata = jdbc.queryForObject("""
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                WHERE payloadtype = 'org.loyalty.api.purchase.PurchaseRecorded' AND aggregateidentifier = ?""",
                String.class, memberId);
        assertThat(metadata).contains("\"requestId\":\"" + correlationId + "\"")
                .as("who asked for it: the till's token subject").contains("\"caller\":\"till-STORE-1\"");
    }

    @Test
    void anInvalidCorrelationIdIsReplacedAndAMissingOneGenerated() {
        LoyaltyApi api = new LoyaltyApi(port);
        String replaced = api.http().get().uri("/actuator/health").header("X-Correlation-Id", "not valid; " + "x".repeat(70))
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(replaced).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        String generated = api.http().get().uri("/actuator/health").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(generated).isNotBlank().isNotEqualTo(replaced);
    }

    private static String scrape(LoyaltyApi api) {
        return api.http().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The value of a meter without tags other than the common ones. */
    private static double value(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.Ee+-]+)$").matcher(scrape);
        assertThat(matcher.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
