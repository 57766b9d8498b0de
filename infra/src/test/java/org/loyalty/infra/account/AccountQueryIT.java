package org.loyalty.infra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

@IntegrationTest
class AccountQueryIT {

    @LocalServerPort
    int port;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    @Test
    void theBalanceShowsWhatThePurchasesEarned() {
        String memberId = api.enroll("Kim Balance");
        api.postPurchase(purchase("BAL-" + memberId + "-1", memberId, "15.40")).expectStatus().isCreated();
        api.postPurchase(purchase("BAL-" + memberId + "-2", memberId, "4.99")).expectStatus().isCreated();

        await().untilAsserted(() -> api.http().get().uri("/api/v1/members/{id}/balance", memberId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.memberId").isEqualTo(memberId)
                .jsonPath("$.balance").isEqualTo(19)
                .jsonPath("$.lifetimeEarned").isEqualTo(19));
    }

    @Test
    void theLedgerPagesThroughEveryMovementNewestFirstWithThePurchaseBehindIt() {
        String memberId = api.enroll("Lou Ledger");
        for (int i = 1; i <= 25; i++) {
            api.postPurchase(purchase("LED-" + memberId + "-" + i, memberId, i + ".00")).expectStatus().isCreated();
        }
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(325L));

        List<Map<String, Object>> entries = new ArrayList<>();
        Object cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/members/" + memberId + "/ledger?limit=10" + (cursor == null ? "" : "&before=" + cursor);
            Map<?, ?> page = api.http().get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> pageEntries = (List<Map<String, Object>>) page.get("entries");
            entries.addAll(pageEntries);
            cursor = page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(entries).hasSize(25);
        assertThat(entries.get(0).get("points")).isEqualTo(25);
        assertThat(entries.get(0).get("balanceAfter")).isEqualTo(325);
        assertThat(entries.get(24).get("points")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> newestPurchase = (Map<String, Object>) entries.get(0).get("purchase");
        assertThat(newestPurchase).containsEntry("transactionId", "LED-" + memberId + "-25")
                .containsEntry("storeId", "STORE-1")
                .containsEntry("currency", "USD")
                .containsEntry("netTotal", 25.00)
                .containsEntry("itemCount", 1);
        assertThat(entries).extracting(e -> ((Number) e.get("sequence")).longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void anUnknownMemberHasNoBalanceAndNoLedger() {
        api.http().get().uri("/api/v1/members/nobody-here/balance").exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.http().get().uri("/api/v1/members/nobody-here/ledger").exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aLedgerPageSizeOutOfRangeIsRejectedNamingTheParameter() {
        String memberId = api.enroll("Max Paging");
        for (String limit : List.of("0", "101", "ten")) {
            api.http().get().uri("/api/v1/members/{id}/ledger?limit=" + limit, memberId).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        }
    }
}
