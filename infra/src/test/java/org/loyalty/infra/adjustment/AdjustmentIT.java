package org.loyalty.infra.adjustment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AdjustmentIT {

    @LocalServerPort
    int port;
    LoyaltyApi api;
    String memberId;
    String staffId;

    @BeforeEach
    void aMemberAndAStaffMember() {
        api = new LoyaltyApi(port);
        memberId = api.enroll("Ada Adjust");
        staffId = "STAFF-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void staffCanAddAndRemovePointsWithAReasonAndRetriesCountOnce() {
        Map<String, Object> goodwill = Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 150,
                "reason", "cold drink served");
        adjust(goodwill).expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo(150);
        adjust(goodwill).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.balance").isEqualTo(150);
        adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", -50, "reason", "double credit"))
                .expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo(100);

        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(100L));
    }

    @Test
    void oneAdjustmentCannotPassThePerAdjustmentLimit() {
        adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 501, "reason", "too generous"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("points");
    }

    @Test
    void aStaffMemberCannotPassTheDailyLimitAcrossMembers() {
        String otherMember = api.enroll("Otto Other");
        for (int i = 0; i < 4; i++) {
            adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 500, "reason", "goodwill " + i),
                    i % 2 == 0 ? memberId : otherMember).expectStatus().isCreated();
        }
        adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 1, "reason", "one more"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("2000"));
    }

    @Test
    void anAdjustmentWithoutAReasonOrWithZeroPointsIsInvalid() {
        adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 10))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        adjust(Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 0, "reason", "nothing"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("points");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec adjust(Map<String, Object> body) {
        return adjust(body, memberId);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec adjust(Map<String, Object> body, String member) {
        return api.post("/api/v1/members/" + member + "/adjustments", body);
    }
}
