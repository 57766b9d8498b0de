package org.loyalty.infra.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.CdnowFixtures;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The whole path from the POS to the model: every CDNOW transaction (Jan 1997 to Jun 1998) is posted
 * through the purchase API, the retention-stats projection turns them into purchase days, and a refit
 * as of the end of the published calibration period (1997-09-30) must find the published BG/NBD and
 * Gamma-Gamma parameters. Purchases after that day are in the store too, so this also checks that a
 * fit as of a past day leaves later purchases out. Runs in an application and database of its own.
 */
@IntegrationTest
@TestPropertySource(properties = {"loyalty.test.application=cdnow", "loyalty.retention.model=BG_NBD",
        "loyalty.retention.days-per-time-unit=7"})
class CdnowReplayIT {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    record Transaction(String customer, LocalDate day, BigDecimal dollars) {
    }

    @Test
    void theModelFittedFromPurchasesPostedThroughThePosApiHasThePublishedParameters() throws IOException {
        LoyaltyApi api = new LoyaltyApi(port);
        List<Transaction> transactions = Files.readAllLines(CdnowFixtures.directory().resolve("CDNOW_sample.txt")).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+"))
                .map(f -> new Transaction(f[1], LocalDate.parse(f[2], YYYYMMDD), new BigDecimal(f[4])))
                .toList();
        assertThat(transactions).hasSize(6_919);
        WebClient client = TestTokens.adminClient(port);

        Map<String, String> members = new ConcurrentHashMap<>();
        List<String> customers = transactions.stream().map(Transaction::customer).distinct().toList();
        Flux.fromIterable(customers)
                .flatMap(customer -> client.post().uri("/api/v1/members").bodyValue(Map.of("name", "CDNOW customer " + customer,
                                "email", "cdnow." + customer + "@example.com", "marketingConsent", false))
                        .retrieve().bodyToMono(Map.class).doOnNext(created -> members.put(customer, (String) created.get("memberId"))), 8)
                .blockLast(Duration.ofMinutes(5));
        assertThat(members).hasSize(2_357);

        Flux.range(0, transactions.size())
                .flatMap(i -> {
                    Transaction t = transactions.get(i);
                    Map<String, Object> purchase = new LinkedHashMap<>();
                    purchase.put("transactionId", "cdnow-" + i);
                    purchase.put("memberId", members.get(t.customer()));
                    purchase.put("storeId", "cdnow");
                    purchase.put("occurredAt", t.day().atTime(12, 0).toInstant(ZoneOffset.UTC).toString());
                    purchase.put("currency", "USD");
                    purchase.put("paymentMethod", "CARD");
                    purchase.put("items", List.of(Map.of("sku", "CD", "category", "music", "quantity", 1, "unitPrice", t.dollars())));
                    return client.post().uri("/api/v1/pos/purchases").bodyValue(purchase).retrieve()
                            .onStatus(status -> status.isError(), response -> response.bodyToMono(String.class)
                                    .map(body -> new IllegalStateException("purchase " + purchase + " refused: " + body)))
                            .toBodilessEntity();
                }, 8)
                .blockLast(Duration.ofMinutes(10));

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT coalesce(sum(purchases), 0) FROM member_purchase_day", Long.class)).isEqualTo(6_919L));

        Map<String, Object> fit = object(api.post("/api/v1/analytics/models/refit?asOf=1997-09-30", Map.of())
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());

        assertThat(fit).containsEntry("kind", "BG_NBD").containsEntry("customers", 2_357).containsEntry("asOf", "1997-09-30");
        Map<String, Object> parameters = object(fit.get("parameters"));
        assertThat(number(parameters, "r")).isCloseTo(0.2426, within(0.0005));
        assertThat(number(parameters, "alpha")).isCloseTo(4.414, within(0.005));
        assertThat(number(parameters, "a")).isCloseTo(0.793, within(0.0005));
        assertThat(number(parameters, "b")).isCloseTo(2.426, within(0.005));
        assertThat(number(fit, "logLikelihood")).isCloseTo(-9582.4, within(0.5));
        Map<String, Object> spend = object(fit.get("spendModel"));
        assertThat(number(spend, "p")).isCloseTo(6.25, within(0.005));
        assertThat(number(spend, "q")).isCloseTo(3.74, within(0.005));
        assertThat(number(spend, "gamma")).isCloseTo(15.44, within(0.05));

        // Customer 1516 (x 26, t_x 30.86, T 31.00): the published P(alive) and 52-week forecast.
        Map<String, Object> insights = api.get("/api/v1/members/" + members.get("1516") + "/insights?asOf=1997-09-30&horizonDays=364");
        assertThat(number(insights, "pAlive")).isCloseTo(0.9689, within(0.0005));
        assertThat(number(object(insights.get("expectedPurchases")), "count")).isCloseTo(25.76, within(0.02));

        // The alternative model on the same statistics: Pareto/NBD's published r 0.553, alpha 10.58, s 0.606, beta 11.66.
        Map<String, Object> pareto = object(api.post("/api/v1/analytics/models/refit?asOf=1997-09-30&model=PARETO_NBD", Map.of())
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        assertThat(pareto).containsEntry("kind", "PARETO_NBD");
        Map<String, Object> paretoParameters = object(pareto.get("parameters"));
        assertThat(number(paretoParameters, "r")).isCloseTo(0.553, within(0.005));
        assertThat(number(paretoParameters, "alpha")).isCloseTo(10.58, within(0.05));
        assertThat(number(paretoParameters, "s")).isCloseTo(0.606, within(0.01));
        assertThat(number(paretoParameters, "beta")).isCloseTo(11.66, within(0.2));
        assertThat(number(pareto, "logLikelihood")).isCloseTo(-9595.0, within(0.5));
        assertThat(object(api.get("/api/v1/members/" + members.get("1516") + "/insights?asOf=1997-09-30").get("model")))
                .as("insights follow the newest fit").containsEntry("kind", "PARETO_NBD");
    }

    private static double number(Map<String, Object> json, String field) {
        assertThat(json).containsKey(field);
        return ((Number) json.get(field)).doubleValue();
    }
}
