package org.loyalty.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    @Test
    void healthReportsTheDatabaseUp() {
        new LoyaltyApi(port).http().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void prometheusExposesAxonCommandAndEventProcessorMeters() {
        LoyaltyApi api = new LoyaltyApi(port);
        String memberId = api.enroll("Ned Metrics");
        api.postPurchase(purchase(newTransactionId(), memberId, "5.00")).expectStatus().isCreated();

        Awaitility.await().untilAsserted(() -> {
            String scrape = api.http().get().uri("/actuator/prometheus").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(scrape)
                    .contains("commandBus_successCounter_total{")
                    .contains("payloadType=\"RecordPurchase\"")
                    .contains("eventProcessor_processedCounter_total{")
                    .contains("processorName=\"member-accounts\"")
                    .contains("eventProcessor_latency")
                    .contains("hikaricp_connections_active");
            // The command bus keeps Axon's timers; the processors' per-message timers and capacity are left out (AxonMeters).
            assertThat(scrape)
                    .contains("commandBus_allTimer")
                    .doesNotContain("eventProcessor_allTimer")
                    .doesNotContain("eventProcessor_capacity");
        });
    }
}
