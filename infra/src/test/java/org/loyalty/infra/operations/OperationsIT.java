package org.loyalty.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import org.awaitility.Awaitility;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeoutProperties axonTimeouts;

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

    @Test
    void axonLimitsUnitsOfWorkButNotEachHandlerCall() {
        // Handler calls: no limit and no warning (-1 on both), so Axon does not wrap them (application.yml).
        assertThat(axonTimeouts.getHandler().getEvents().getTimeoutMs()).isNegative();
        assertThat(axonTimeouts.getHandler().getEvents().getWarningThresholdMs()).isNegative();
        assertThat(axonTimeouts.getHandler().getCommands().getTimeoutMs()).isNegative();
        assertThat(axonTimeouts.getHandler().getCommands().getWarningThresholdMs()).isNegative();
        // Units of work (a command, a processor's batch) keep their limits.
        assertThat(axonTimeouts.isEnabled()).isTrue();
        assertThat(axonTimeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
        assertThat(axonTimeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
    }
}
