package org.loyalty.infra.adjustment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.security.Role;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
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

    /** A staff member is its token's subject: naming another is refused, and the daily limit follows the token. */
    @Test
    void aStaffMemberAdjustsUnderItsOwnIdOnly() {
        LoyaltyApi asStaff = api.as(TestTokens.tokens().mint(staffId, Set.of(Role.STAFF), null, List.of(), Duration.ofMinutes(5)));
        String path = "/api/v1/members/" + memberId + "/adjustments";
        asStaff.post(path, Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", "STAFF-someone-else", "points", 10, "reason", "x"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("staffId");
        for (int i = 0; i < 4; i++) {
            asStaff.post(path, Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "points", 500, "reason", "goodwill " + i))
                    .expectStatus().isCreated();
        }
        // The fifth 500 passes the 2,000 a day of this staff member, whether it names itself or not.
        asStaff.post(path, Map.of("adjustmentId", "ADJ-" + UUID.randomUUID(), "staffId", staffId, "points", 500, "reason", "more"))
                .expectStatus().isEqualTo(422);
        assertThat(api.balance(memberId) == null ? 0 : api.balance(memberId)).isLessThanOrEqualTo(2000L);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec adjust(Map<String, Object> body) {
        return adjust(body, memberId);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec adjust(Map<String, Object> body, String member) {
        return api.post("/api/v1/members/" + member + "/adjustments", body);
    }
}
