package org.loyalty.infra.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

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
class RedemptionIT {

    @LocalServerPort
    int port;
    LoyaltyApi api;
    String memberId;

    @BeforeEach
    void aMemberWith70Points() {
        api = new LoyaltyApi(port);
        memberId = api.enroll("Rae Redeem");
        api.postPurchase(purchase(newTransactionId(), memberId, "40.00")).expectStatus().isCreated();
        api.postPurchase(purchase(newTransactionId(), memberId, "30.00")).expectStatus().isCreated();
    }

    @Test
    void theCatalogListsTheDefaultRewards() {
        List<?> catalog = api.http().get().uri("/api/v1/rewards").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(objects(catalog)).extracting(r -> r.get("points")).containsExactly(25, 60, 100, 200, 300, 400);
    }

    @Test
    void aRedemptionSpendsThePointsAndARetryWithTheSameKeyAnswersTheSame() {
        Map<String, Object> body = Map.of("rewardId", "R60", "idempotencyKey", "K-" + UUID.randomUUID());
        String first = redeem(body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(first).contains("\"points\":60").contains("\"balance\":10").contains("\"status\":\"REDEEMED\"");

        redeem(body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(10L));
    }

    @Test
    void aRewardCostingMoreThanTheBalanceIsRefusedWith422() {
        redeem(Map.of("rewardId", "R100", "idempotencyKey", "K-" + UUID.randomUUID()))
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rewardId");
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(70L));
    }

    @Test
    void anUnknownRewardIsRefusedAndAMissingKeyIsInvalid() {
        redeem(Map.of("rewardId", "R999", "idempotencyKey", "K-" + UUID.randomUUID())).expectStatus().isEqualTo(422);
        redeem(Map.of("rewardId", "R25")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("idempotencyKey");
    }

    @Test
    void cancellingARedemptionGivesThePointsBackToTheirBucketsOnce() {
        Map<?, ?> redeemed = redeem(Map.of("rewardId", "R60", "idempotencyKey", "K-" + UUID.randomUUID()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String redemptionId = (String) redeemed.get("redemptionId");

        api.post("/api/v1/members/" + memberId + "/redemptions/" + redemptionId + "/cancel", Map.of("reason", "drink spilled"))
                .expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED").jsonPath("$.balance").isEqualTo(70);
        api.post("/api/v1/members/" + memberId + "/redemptions/" + redemptionId + "/cancel", Map.of())
                .expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.balance").isEqualTo(70);

        await().untilAsserted(() -> {
            assertThat(api.balanceView(memberId)).containsEntry("balance", 70).containsEntry("available", 70);
            Map<String, Object> rewards = api.get("/api/v1/members/" + memberId + "/rewards");
            assertThat((List<?>) rewards.get("redemptions")).singleElement()
                    .satisfies(r -> assertThat(object(r)).containsEntry("status", "CANCELLED"));
        });
    }

    @Test
    void cancellingAnUnknownRedemptionIsNotFound() {
        api.post("/api/v1/members/" + memberId + "/redemptions/no-such-redemption/cancel", Map.of())
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("redemptionId");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec redeem(Map<String, Object> body) {
        return api.post("/api/v1/members/" + memberId + "/redemptions", body);
    }
}
