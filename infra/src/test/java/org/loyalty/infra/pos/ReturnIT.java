package org.loyalty.infra.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

@IntegrationTest
class ReturnIT {

    @LocalServerPort
    int port;
    LoyaltyApi api;
    String memberId;
    String transactionId;

    /** Two lattes at 4.75 and a muffin at 3.10: 12.60, 12 points, split 9 (lattes) and 3 (muffin). */
    @BeforeEach
    void aMemberBoughtTwoLattesAndAMuffin() {
        api = new LoyaltyApi(port);
        memberId = api.enroll("Rita Return");
        transactionId = newTransactionId();
        api.postPurchase(Map.of("transactionId", transactionId, "memberId", memberId, "storeId", "STORE-1",
                        "occurredAt", Instant.now().minusSeconds(60).toString(), "currency", "USD", "paymentMethod", "CARD",
                        "items", List.of(Map.of("sku", "LATTE", "category", "coffee", "quantity", 2, "unitPrice", 4.75),
                                Map.of("sku", "MUFFIN", "category", "food", "quantity", 1, "unitPrice", 3.10))))
                .expectStatus().isCreated().expectBody().jsonPath("$.pointsEarned").isEqualTo(12);
    }

    @Test
    void returningItemsTakesBackExactlyThePointsTheyEarnedItemByItem() {
        returnItems(List.of(Map.of("sku", "LATTE", "quantity", 1)))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody().jsonPath("$.pointsTaken").isEqualTo(4).jsonPath("$.balance").isEqualTo(8);
        returnItems(List.of(Map.of("sku", "LATTE", "quantity", 1), Map.of("sku", "MUFFIN", "quantity", 1)))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsTaken").isEqualTo(8).jsonPath("$.balance").isEqualTo(0);

        await().untilAsserted(() -> assertThat(api.balance(memberId)).isZero());
    }

    @Test
    void aRetriedReturnAnswersTheSameAndTakesNothingMore() {
        String returnId = "RET-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("returnId", returnId, "originalTransactionId", transactionId,
                "items", List.of(Map.of("sku", "MUFFIN", "quantity", 1)));
        String first = api.post("/api/v1/pos/returns", body).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();

        api.post("/api/v1/pos/returns", body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(9L));
    }

    @Test
    void moreUnitsThanWereBoughtAreRefusedWith422() {
        returnItems(List.of(Map.of("sku", "LATTE", "quantity", 3)))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items[0].quantity");
        returnItems(List.of(Map.of("sku", "BAGEL", "quantity", 1))).expectStatus().isEqualTo(422);
    }

    @Test
    void aReturnOfAnUnknownTransactionIsNotFound() {
        api.post("/api/v1/pos/returns", Map.of("returnId", "RET-" + UUID.randomUUID(), "originalTransactionId", "NO-SUCH-TX",
                        "items", List.of(Map.of("sku", "LATTE", "quantity", 1))))
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("originalTransactionId");
    }

    @Test
    void aReturnNamingAnotherMemberIsRefusedWith422() {
        String someoneElse = api.enroll("Sam Else");
        api.post("/api/v1/pos/returns", Map.of("returnId", "RET-" + UUID.randomUUID(), "originalTransactionId", transactionId,
                        "memberId", someoneElse, "items", List.of(Map.of("sku", "LATTE", "quantity", 1))))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberId");
    }

    @Test
    void aMalformedReturnIsRejectedNamingTheField() {
        returnItems(List.of(Map.of("sku", "LATTE", "quantity", 0)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items[0].quantity");
    }

    @Test
    void returningSpentPointsLeavesANegativeBalanceThatBlocksRedemptions() {
        api.post("/api/v1/members/" + memberId + "/adjustments", Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(),
                "staffId", "STAFF-1", "points", 13, "reason", "welcome gift")).expectStatus().isCreated();
        api.post("/api/v1/members/" + memberId + "/redemptions", Map.of("rewardId", "R25", "idempotencyKey", "K-" + UUID.randomUUID()))
                .expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo(0);

        returnItems(List.of(Map.of("sku", "LATTE", "quantity", 2), Map.of("sku", "MUFFIN", "quantity", 1)))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsTaken").isEqualTo(12).jsonPath("$.balance").isEqualTo(-12);

        api.post("/api/v1/members/" + memberId + "/redemptions", Map.of("rewardId", "R25", "idempotencyKey", "K-" + UUID.randomUUID()))
                .expectStatus().isEqualTo(422);
        await().untilAsserted(() -> assertThat(api.balanceView(memberId))
                .containsEntry("balance", -12).containsEntry("available", -12));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec returnItems(List<Map<String, Object>> items) {
        return api.post("/api/v1/pos/returns", Map.of("returnId", "RET-" + UUID.randomUUID(), "originalTransactionId", transactionId,
                "items", items));
    }
}
