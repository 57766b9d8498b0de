package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tills post only for their stores, with a token or an API key; keys are stored hashed, rotated and revoked. */
@IntegrationTest
class PosAccessIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LoyaltyApi api;

    @BeforeEach
    void setUp() {
        api = new LoyaltyApi(port);
    }

    @Test
    void aTillTokenPostsForItsOwnStoresOnly() {
        String member = api.enroll("Tia Till");
        LoyaltyApi till = api.as(TestTokens.pos("STORE-1", "STORE-7"));

        String elsewhere = newTransactionId();
        Map<String, Object> other = withStore(purchase(elsewhere, member, "10.00"), "STORE-2");
        till.post("/api/v1/pos/purchases", other)
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("storeId");
        assertThat(eventsOf(elsewhere)).as("nothing recorded for a refused purchase").isZero();

        String own = newTransactionId();
        till.post("/api/v1/pos/purchases", withStore(purchase(own, member, "10.00"), "STORE-7")).expectStatus().isCreated();

        // Returns: a till names the store taking the goods back; another store's is refused, none at all too.
        Map<String, Object> back = Map.of("returnId", "R-" + own, "originalTransactionId", own, "memberId", member,
                "items", List.of(Map.of("sku", "SKU-0", "quantity", 1)));
        till.post("/api/v1/pos/returns", back).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("storeId");
        till.post("/api/v1/pos/returns", withStore(back, "STORE-2")).expectStatus().isForbidden();
        till.post("/api/v1/pos/returns", withStore(back, "STORE-1")).expectStatus().isCreated();
        // An admin may post for any store, and returns without one.
        api.post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "3.00"), "STORE-99")).expectStatus().isCreated();
    }

    @Test
    void anApiKeyIsShownOnceStoredHashedAndWorksUntilRevoked() {
        String member = api.enroll("Kim Key");
        Map<?, ?> issued = api.post("/api/v1/pos/api-keys", Map.of("name", "Store 9, till 1", "storeIds", List.of("STORE-9")))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String keyId = (String) issued.get("keyId");
        String key = (String) issued.get("key");
        assertThat(key).startsWith("lk_" + keyId + "_");
        String storedHash = jdbc.queryForObject("SELECT secret_hash FROM pos_api_key WHERE key_id = ?", String.class, keyId);
        // The secret is everything after the key id's prefix (it may itself contain '_', base64url).
        String secret = key.substring(("lk_" + keyId + "_").length());
        assertThat(secret).hasSizeGreaterThan(20);
        assertThat(storedHash).hasSize(64).doesNotContain(secret);
        assertThat(api.http().get().uri("/api/v1/pos/api-keys").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(keyId).doesNotContain(key);

        LoyaltyApi till = api.withApiKey(key);
        till.post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-9")).expectStatus().isCreated();
        till.post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-1")).expectStatus().isForbidden();
        // A till's key reaches nothing but the till's endpoints.
        till.http().get().uri("/api/v1/rules").exchange().expectStatus().isForbidden();
        api.withApiKey(key.substring(0, key.length() - 2) + "xx").http().get().uri("/api/v1/rewards").exchange()
                .expectStatus().isUnauthorized();

        // Rotation: the new key works at once, the previous one through the grace period.
        Map<?, ?> rotated = api.http().post().uri("/api/v1/pos/api-keys/{id}/rotate", keyId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String newKey = (String) rotated.get("key");
        assertThat(newKey).isNotEqualTo(key).startsWith("lk_" + keyId + "_");
        assertThat(rotated.get("previousKeyValidUntil")).isNotNull();
        api.withApiKey(newKey).post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-9"))
                .expectStatus().isCreated();
        till.post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-9")).expectStatus().isCreated();

        api.http().delete().uri("/api/v1/pos/api-keys/{id}", keyId).exchange().expectStatus().isNoContent();
        api.withApiKey(newKey).post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-9"))
                .expectStatus().isUnauthorized();
        till.post("/api/v1/pos/purchases", withStore(purchase(newTransactionId(), member, "5.00"), "STORE-9")).expectStatus().isUnauthorized();
        api.http().delete().uri("/api/v1/pos/api-keys/{id}", keyId).exchange().expectStatus().isNotFound();
    }

    @Test
    void aKeyRequestNamesTheFieldsItGetsWrong() {
        api.post("/api/v1/pos/api-keys", Map.of("name", " ", "storeIds", List.of()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString()).contains("name", "storeIds"));
        api.post("/api/v1/pos/api-keys", Map.of("name", "till", "storeIds", List.of("bad store/id")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("storeIds[0]");
    }

    /** The README's command, run as a user would: {@code java tools/MintToken.java ...} with only the JDK. */
    @Test
    void theMintTokenCommandMintsTokensTheApplicationAccepts() throws Exception {
        String marketer = mint("marketer");
        api.as(marketer).http().get().uri("/api/v1/rules").exchange().expectStatus().isOk();
        api.as(marketer).http().get().uri("/api/v1/webhooks").exchange().expectStatus().isForbidden();

        String member = api.enroll("Cli Member");
        LoyaltyApi asMember = api.as(mint("member", "--member", member));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                asMember.http().get().uri("/api/v1/members/{id}/balance", member).exchange().expectStatus().isOk());
        api.as(mint("pos", "--stores", "STORE-3")).post("/api/v1/pos/purchases",
                withStore(purchase(newTransactionId(), member, "4.00"), "STORE-3")).expectStatus().isCreated();
    }

    private static String mint(String... args) throws IOException, InterruptedException {
        Path tool = repositoryRoot().resolve("tools/MintToken.java");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                tool.toString(), "--key", TestTokens.KEY_FILE.toString()));
        command.addAll(List.of(args));
        TestTokens.tokens(); // the key exists before the application or the tool needs it
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private long eventsOf(String transactionId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?", Long.class,
                "%" + transactionId + "%");
    }

    private static Map<String, Object> withStore(Map<String, Object> body, String storeId) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("storeId", storeId);
        return copy;
    }
}
