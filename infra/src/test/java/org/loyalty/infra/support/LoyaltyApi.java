package org.loyalty.infra.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The HTTP calls the tests make, so that each test reads as what it checks. */
public final class LoyaltyApi {

    private final WebTestClient http;

    /** Calls as an admin, who may do everything; {@link #as} calls as someone else. */
    public LoyaltyApi(int port) {
        this(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBearerAuth(TestTokens.admin()))
                .responseTimeout(java.time.Duration.ofSeconds(30))
                // The Prometheus scrape passes the default 256 KB: Axon's timers keep histograms per processor and message type.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build());
    }

    private LoyaltyApi(WebTestClient http) {
        this.http = http;
    }

    /** The same API, called with {@code bearerToken} instead of the admin's. */
    public LoyaltyApi as(String bearerToken) {
        return new LoyaltyApi(http.mutate().defaultHeaders(headers -> headers.setBearerAuth(bearerToken)).build());
    }

    /** The same API, called without credentials. */
    public LoyaltyApi anonymous() {
        return new LoyaltyApi(http.mutate().defaultHeaders(headers -> headers.remove(org.springframework.http.HttpHeaders.AUTHORIZATION)).build());
    }

    /** The same API, called with a till's API key instead of a token. */
    public LoyaltyApi withApiKey(String apiKey) {
        return new LoyaltyApi(http.mutate().defaultHeaders(headers -> {
            headers.remove(org.springframework.http.HttpHeaders.AUTHORIZATION);
            headers.set("X-Api-Key", apiKey);
        }).build());
    }

    public WebTestClient http() {
        return http;
    }

    /** Enrolls a member with a unique email and returns the new member id. */
    public String enroll(String name) {
        Map<String, Object> body = Map.of(
                "name", name,
                "email", name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID() + "@example.com",
                "birthday", "1990-05-17",
                "marketingConsent", true);
        Map<?, ?> created = http.post().uri("/api/v1/members").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("memberId");
    }

    public static Map<String, Object> purchase(String transactionId, String memberId, String... pricesOfOneUnit) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < pricesOfOneUnit.length; i++) {
            items.add(Map.of("sku", "SKU-" + i, "category", "coffee", "quantity", 1, "unitPrice", new BigDecimal(pricesOfOneUnit[i])));
        }
        return Map.of(
                "transactionId", transactionId,
                "memberId", memberId,
                "storeId", "STORE-1",
                "occurredAt", Instant.now().minusSeconds(60).toString(),
                "currency", "USD",
                "paymentMethod", "CARD",
                "items", items);
    }

    public WebTestClient.ResponseSpec post(String uri, Object body) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The JSON of a GET that must answer 200, as a map. */
    public Map<String, Object> get(String uri) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return body;
    }

    /** The member's balance view (available, pending, tier progress, expiring points). */
    public Map<String, Object> balanceView(String memberId) {
        return get("/api/v1/members/" + memberId + "/balance");
    }

    public WebTestClient.ResponseSpec postPurchase(Object body) {
        return http.post().uri("/api/v1/pos/purchases").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec postPurchaseJson(String json) {
        return http.post().uri("/api/v1/pos/purchases").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** The balance from the read model, or null while the member is not (yet) there. */
    public Long balance(String memberId) {
        Map<?, ?> body = http.get().uri("/api/v1/members/{id}/balance", memberId).exchange()
                .returnResult(Map.class).getResponseBody().blockFirst();
        return body == null || body.get("balance") == null ? null : ((Number) body.get("balance")).longValue();
    }

    /** A JSON object from a decoded response, typed for AssertJ's map assertions. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Object json) {
        return (List<Map<String, Object>>) json;
    }

    public static String newTransactionId() {
        return "TX-" + UUID.randomUUID();
    }
}
