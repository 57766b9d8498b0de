package org.loyalty.infra.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class PurchaseIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LoyaltyApi api;
    String memberId;

    @BeforeEach
    void enrollAMember() {
        api = new LoyaltyApi(port);
        memberId = api.enroll("Gus Purchase");
    }

    @Test
    void aPurchaseEarnsOnePointPerWholeUnitOfTheNetTotalAndAnswersTheNewBalance() {
        Map<String, Object> basket = new HashMap<>(purchase(newTransactionId(), memberId));
        basket.put("items", List.of(
                Map.of("sku", "LATTE", "category", "coffee", "quantity", 2, "unitPrice", 4.75),
                Map.of("sku", "MUFFIN", "category", "food", "quantity", 1, "unitPrice", 3.10)));

        api.postPurchase(basket)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody()
                .jsonPath("$.memberId").isEqualTo(memberId)
                .jsonPath("$.pointsEarned").isEqualTo(12)
                .jsonPath("$.balance").isEqualTo(12);

        api.postPurchase(purchase(newTransactionId(), memberId, "20.00"))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsEarned").isEqualTo(20).jsonPath("$.balance").isEqualTo(32);

        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(32L));
    }

    @Test
    void aFreeSampleIsRecordedAsAPurchaseAndEarnsNothing() {
        Map<String, Object> sample = new HashMap<>(purchase(newTransactionId(), memberId));
        sample.put("items", List.of(Map.of("sku", "TASTING-CUP", "category", "coffee", "quantity", 1, "unitPrice", 0)));

        api.postPurchase(sample).expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsEarned").isEqualTo(0).jsonPath("$.balance").isEqualTo(0);

        await().untilAsserted(() -> assertThat(api.get("/api/v1/members/" + memberId + "/timeline").get("entries").toString())
                .contains("PURCHASE"));
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isZero());
    }

    @Test
    void postingTheSameTransactionAgainReturnsTheSameAnswerAndEarnsNothingMore() {
        Map<String, Object> basket = purchase(newTransactionId(), memberId, "9.99", "5.00");
        String first = api.postPurchase(basket).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();

        api.postPurchase(basket)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);

        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(14L));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM points_ledger WHERE member_id = ?", Long.class, memberId)).isEqualTo(1);
    }

    @Test
    void aTransactionIdAlreadyRecordedForAnotherMemberIsAConflict() {
        String transactionId = newTransactionId();
        api.postPurchase(purchase(transactionId, memberId, "3.00")).expectStatus().isCreated();
        String otherMember = api.enroll("Hal Other");

        api.postPurchase(purchase(transactionId, otherMember, "3.00"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("transactionId");
    }

    @Test
    void anUnknownMemberIsNotFoundAndStoresNothing() {
        String transactionId = newTransactionId();
        api.postPurchase(purchase(transactionId, "no-such-member", "3.00"))
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertNothingStoredFor(transactionId);
    }

    @Test
    void invalidPurchasesAreRejectedNamingTheFieldAndStoreNothing() {
        String tx = newTransactionId();
        rejects(withItem(tx, Map.of("sku", "A", "category", "c", "quantity", 0, "unitPrice", 1)), "items[0].quantity");
        rejects(withItem(tx, Map.of("sku", "A", "category", "c", "quantity", -2, "unitPrice", 1)), "items[0].quantity");
        rejects(withItem(tx, Map.of("sku", "A", "category", "c", "quantity", 1, "unitPrice", 1_000_000.01)), "items[0].unitPrice");
        rejects(withItem(tx, Map.of("sku", "A", "category", "c", "quantity", 1, "unitPrice", -3.5)), "items[0].unitPrice");
        rejects(withItem(tx, Map.of("sku", "A", "category", "c", "quantity", 1.5, "unitPrice", 1)), "items[0].quantity");
        rejects(with(tx, "items", List.of()), "items");
        rejects(with(tx, "currency", "XTS"), "currency");
        rejects(with(tx, "paymentMethod", "BARTER"), "paymentMethod");
        rejects(with(tx, "occurredAt", "yesterday"), "occurredAt");
        api.postPurchaseJson("{\"transactionId\": \"" + tx + "\", \"items\": [").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");

        assertNothingStoredFor(tx);
        // The refused transaction id is still free: a valid post of it earns its points.
        api.postPurchase(purchase(tx, memberId, "7.00")).expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsEarned").isEqualTo(7);
    }

    private Map<String, Object> withItem(String tx, Map<String, Object> item) {
        return with(tx, "items", List.of(item));
    }

    private Map<String, Object> with(String tx, String field, Object value) {
        Map<String, Object> body = new HashMap<>(purchase(tx, memberId, "1.00"));
        body.put(field, value);
        return body;
    }

    private void rejects(Map<String, Object> body, String field) {
        WebTestClient.ResponseSpec response = api.postPurchase(body);
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field));
    }

    private void assertNothingStoredFor(String transactionId) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pos_transaction_claim WHERE transaction_id = ?", Long.class, transactionId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%" + transactionId + "%")).isZero();
    }
}
