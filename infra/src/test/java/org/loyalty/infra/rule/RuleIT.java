package org.loyalty.infra.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

@IntegrationTest
class RuleIT {

    static final Map<String, Object> COFFEE_DOUBLE = Map.of(
            "name", "Coffee counts double",
            "condition", "purchase.items.exists(i, i.category == \"coffee\")",
            "action", Map.of("type", "MULTIPLIER", "multiplier", 2, "category", "coffee"),
            "priority", 10);

    @LocalServerPort
    int port;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    @Test
    void aRuleGoesFromDraftThroughVersionsToRetiredAndEveryStepIsVisible() {
        Map<String, Object> drafted = object(api.post("/api/v1/rules", COFFEE_DOUBLE).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody());
        String ruleId = (String) drafted.get("ruleId");
        assertThat(drafted).containsEntry("status", "DRAFT").containsEntry("version", 0);

        api.post("/api/v1/rules/" + ruleId + "/publish", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED").jsonPath("$.version").isEqualTo(1);
        api.http().put().uri("/api/v1/rules/" + ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Coffee counts triple", "condition", COFFEE_DOUBLE.get("condition"),
                        "action", Map.of("type", "MULTIPLIER", "multiplier", 3, "category", "coffee")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        api.post("/api/v1/rules/" + ruleId + "/publish", Map.of()).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        api.post("/api/v1/rules/" + ruleId + "/pause", Map.of()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAUSED");
        api.post("/api/v1/rules/" + ruleId + "/retire", Map.of()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RETIRED");
        api.post("/api/v1/rules/" + ruleId + "/publish", Map.of()).expectStatus().isEqualTo(422);

        await().untilAsserted(() -> assertThat(api.get("/api/v1/rules/" + ruleId))
                .containsEntry("status", "RETIRED").containsEntry("version", 2).containsEntry("name", "Coffee counts triple"));
        assertThat(objects(api.http().get().uri("/api/v1/rules").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody())).extracting(r -> r.get("ruleId")).contains(ruleId);
    }

    @Test
    void aConditionThatDoesNotCompileIsRejectedWithItsPosition() {
        api.post("/api/v1/rules", Map.of("name", "Typo", "condition", "purchase.totl_minor > 100",
                        "action", Map.of("type", "FIXED_BONUS", "points", 10)))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("condition")
                .jsonPath("$.errors[0].message").value(startsWith("line 1, column 9:"));
    }

    @Test
    void anIncompleteRuleIsRejectedNamingEachField() {
        api.post("/api/v1/rules", Map.of("condition", "true", "action", Map.of("type", "MULTIPLIER", "multiplier", 0.5)))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(hasItem("name"))
                .jsonPath("$.errors[*].field").value(hasItem("action.multiplier"));
        api.post("/api/v1/rules", Map.of("name", "Odd kind", "kind", Map.of("type", "SOMETHING")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind.type");
    }

    @Test
    void unknownRulesAreNotFound() {
        api.http().get().uri("/api/v1/rules/rule-nope").exchange().expectStatus().isNotFound();
        api.post("/api/v1/rules/rule-nope/publish", Map.of()).expectStatus().isNotFound();
    }

    @Test
    void simulationExplainsTheDraftsOutcomeOnASamplePurchaseAndStoresNothing() {
        Map<String, Object> request = Map.of(
                "rule", Map.of("name", "First purchase bonus", "kind", Map.of("type", "FIRST_PURCHASE_BONUS", "points", 50)),
                "purchase", Map.of("occurredAt", Instant.now().minusSeconds(60).toString(), "currency", "USD",
                        "paymentMethod", "CARD", "items", List.of(
                                Map.of("sku", "LATTE", "category", "coffee", "quantity", 2, "unitPrice", 4.75),
                                Map.of("sku", "MUFFIN", "category", "food", "quantity", 1, "unitPrice", 3.10))),
                "member", Map.of("tier", "GREEN", "purchaseCount", 0));

        Map<String, Object> result = object(api.post("/api/v1/rules/simulate", request).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody());

        assertThat(result).containsEntry("basePoints", 12);
        Map<String, Object> draft = objects(result.get("outcomes")).stream()
                .filter(o -> "draft".equals(o.get("ruleId"))).findFirst().orElseThrow();
        assertThat(draft).containsEntry("fired", true).containsEntry("points", 50);
        assertThat((String) draft.get("explanation")).contains("50");
        assertThat(((Number) result.get("totalPoints")).longValue()).isGreaterThanOrEqualTo(62);

        Map<String, Object> repeat = object(api.post("/api/v1/rules/simulate", Map.of("rule", request.get("rule"),
                        "purchase", request.get("purchase"), "member", Map.of("tier", "GREEN", "purchaseCount", 3)))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        assertThat(objects(repeat.get("outcomes")).stream().filter(o -> "draft".equals(o.get("ruleId"))).findFirst().orElseThrow())
                .containsEntry("fired", false);
    }

    @Test
    void aSimulationWithAnInvalidPurchaseNamesTheField() {
        api.post("/api/v1/rules/simulate", Map.of("purchase", Map.of("occurredAt", Instant.now().toString(), "currency", "USD",
                        "paymentMethod", "CARD", "items", List.of(Map.of("sku", "A", "category", "c", "quantity", 0, "unitPrice", 1)))))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(hasItem("purchase.items[0].quantity"));
    }

    @Test
    void aPublishedRuleEarnsOnPurchasesAndTheLedgerSaysWhich() {
        String ruleId = draftAndPublish(Map.of("name", "Bakery bonus " + java.util.UUID.randomUUID(),
                "condition", "purchase.items.exists(i, i.category == \"bakery\")",
                "action", Map.of("type", "FIXED_BONUS", "points", 15)));
        String memberId = api.enroll("Rex Rules");

        api.postPurchase(Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId, "storeId", "S-1",
                        "occurredAt", Instant.now().toString(), "currency", "USD", "paymentMethod", "CARD",
                        "items", List.of(Map.of("sku", "CROISSANT", "category", "bakery", "quantity", 1, "unitPrice", 3.50))))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.pointsEarned").isEqualTo(18);

        await().untilAsserted(() -> assertThat(objects(api.get("/api/v1/members/" + memberId + "/ledger").get("entries")))
                .singleElement().satisfies(entry -> assertThat((String) entry.get("explanation")).contains("Bakery bonus").contains("+15")));
        api.post("/api/v1/rules/" + ruleId + "/retire", Map.of()).expectStatus().isOk();
    }

    @Test
    void concurrentPurchasesNeverSpendMoreThanARulesBudget() {
        String category = "budget-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String ruleId = draftAndPublish(Map.of("name", "Budgeted " + category,
                "condition", "purchase.items.exists(i, i.category == \"" + category + "\")",
                "action", Map.of("type", "FIXED_BONUS", "points", 30), "budgetPoints", 100));
        List<String> members = java.util.stream.IntStream.range(0, 8).mapToObj(i -> api.enroll("Budget Member " + i)).toList();
        org.springframework.web.reactive.function.client.WebClient client =
                org.loyalty.infra.support.TestTokens.adminClient(port);

        List<Map<String, Object>> receipts = reactor.core.publisher.Flux.fromIterable(members)
                .flatMap(m -> client.post().uri("/api/v1/pos/purchases").bodyValue(Map.of("transactionId", LoyaltyApi.newTransactionId(),
                        "memberId", m, "storeId", "S-1", "occurredAt", Instant.now().toString(), "currency", "USD", "paymentMethod", "CARD",
                        "items", List.of(Map.of("sku", "X", "category", category, "quantity", 1, "unitPrice", 1))))
                        .retrieve().bodyToMono(Map.class).map(LoyaltyApi::object), members.size())
                .collectList().block(java.time.Duration.ofSeconds(60));

        long bonus = receipts.stream().mapToLong(r -> ((Number) r.get("pointsEarned")).longValue() - 1).sum();
        assertThat(bonus).as("bonus points given across all members").isEqualTo(100);
        api.post("/api/v1/rules/" + ruleId + "/retire", Map.of()).expectStatus().isOk();
    }

    @Test
    void aBacktestReplaysRecentPurchasesAgainstTheDraftAndChangesNothing() {
        String category = "tea-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String memberId = api.enroll("Tia Backtest");
        for (String cat : List.of(category, "coffee", category)) {
            api.postPurchase(Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId, "storeId", "S-1",
                    "occurredAt", Instant.now().toString(), "currency", "USD", "paymentMethod", "CARD",
                    "items", List.of(Map.of("sku", "CUP", "category", cat, "quantity", 1, "unitPrice", 4)))).expectStatus().isCreated();
        }
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(12L));
        String ruleId = (String) object(api.post("/api/v1/rules", Map.of("name", "Tea bonus",
                        "condition", "purchase.items.exists(i, i.category == \"" + category + "\")",
                        "action", Map.of("type", "FIXED_BONUS", "points", 10)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()).get("ruleId");
        // The body is read, so the client's connection goes back to its pool.
        await().until(() -> api.http().get().uri("/api/v1/rules/" + ruleId).exchange()
                .expectBody(String.class).returnResult().getStatus().is2xxSuccessful());

        Map<String, Object> result = object(api.post("/api/v1/rules/" + ruleId + "/backtest?days=1", Map.of()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody());

        assertThat(result).containsEntry("pointsAwarded", 20).containsEntry("purchasesRewarded", 2).containsEntry("membersAffected", 1)
                .containsEntry("costCurrency", "USD");
        assertThat(new java.math.BigDecimal(result.get("cost").toString())).isEqualByComparingTo("0.60");
        assertThat(((Number) result.get("purchasesExamined")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(api.balance(memberId)).as("a backtest changes nothing").isEqualTo(12L);
        api.post("/api/v1/rules/" + ruleId + "/backtest?days=0", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("days");
    }

    @Test
    void aBacktestJudgesEachPurchaseAtTheTierTheMemberHeldBeforeIt() {
        String category = "gold-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String memberId = api.enroll("Gil Goldbacktest");
        // 600 points lift the member to GOLD (500): this purchase itself was made as GREEN, the next two as GOLD.
        for (int unitPrice : List.of(600, 4, 4)) {
            api.postPurchase(Map.of("transactionId", LoyaltyApi.newTransactionId(), "memberId", memberId, "storeId", "S-1",
                    "occurredAt", Instant.now().toString(), "currency", "USD", "paymentMethod", "CARD",
                    "items", List.of(Map.of("sku", "CUP", "category", category, "quantity", 1, "unitPrice", unitPrice)))).expectStatus().isCreated();
        }
        await().untilAsserted(() -> assertThat(object(api.balanceView(memberId).get("tier"))).containsEntry("current", "GOLD"));
        String ruleId = (String) object(api.post("/api/v1/rules", Map.of("name", "Gold tea bonus",
                        "condition", "purchase.items.exists(i, i.category == \"" + category + "\")",
                        "targetTiers", List.of("GOLD"), "action", Map.of("type", "FIXED_BONUS", "points", 10)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()).get("ruleId");
        await().until(() -> api.http().get().uri("/api/v1/rules/" + ruleId).exchange()
                .expectBody(String.class).returnResult().getStatus().is2xxSuccessful());

        Map<String, Object> result = object(api.post("/api/v1/rules/" + ruleId + "/backtest?days=1", Map.of()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody());

        assertThat(result).containsEntry("purchasesRewarded", 2).containsEntry("pointsAwarded", 20);
    }

    @Test
    void aReferralBonusGoesToBothMembersOnTheReferredMembersFirstPurchaseOnce() {
        String ruleId = draftAndPublish(Map.of("name", "Referral", "kind", Map.of("type", "REFERRAL_BONUS", "points", 100)));
        String referrer = api.enroll("Rory Referrer");
        String referee = (String) object(api.post("/api/v1/members", Map.of("name", "Rita Referred",
                        "email", "rita." + java.util.UUID.randomUUID() + "@example.com", "referredBy", referrer))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()).get("memberId");
        // Bought after the rule went live: a purchase is judged by the rules live when it occurred.
        Map<String, Object> basket = new java.util.HashMap<>(LoyaltyApi.purchase(LoyaltyApi.newTransactionId(), referee, "5.00"));
        basket.put("occurredAt", Instant.now().toString());

        api.postPurchase(basket).expectStatus().isCreated().expectBody().jsonPath("$.pointsEarned").isEqualTo(105);
        api.postPurchase(basket).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        api.postPurchase(LoyaltyApi.purchase(LoyaltyApi.newTransactionId(), referee, "5.00"))
                .expectStatus().isCreated().expectBody().jsonPath("$.pointsEarned").isEqualTo(5);

        await().untilAsserted(() -> {
            assertThat(api.balance(referrer)).as("the referrer's bonus, once").isEqualTo(100L);
            assertThat(api.balance(referee)).isEqualTo(110L);
        });
        api.post("/api/v1/rules/" + ruleId + "/retire", Map.of()).expectStatus().isOk();
    }

    @Test
    void anUnknownReferrerIsRefused() {
        api.post("/api/v1/members", Map.of("name", "Nora Nobody", "email", "nora." + java.util.UUID.randomUUID() + "@example.com",
                        "referredBy", "no-such-member"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("referredBy");
    }

    private String draftAndPublish(Map<String, Object> rule) {
        String ruleId = (String) object(api.post("/api/v1/rules", rule).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody()).get("ruleId");
        api.post("/api/v1/rules/" + ruleId + "/publish", Map.of()).expectStatus().isOk();
        return ruleId;
    }
}
