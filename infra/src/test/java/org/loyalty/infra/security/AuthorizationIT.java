package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.infra.security.AccessMatrix.ADMIN;
import static org.loyalty.infra.security.AccessMatrix.MARKETER;
import static org.loyalty.infra.security.AccessMatrix.MEMBER_ANY;
import static org.loyalty.infra.security.AccessMatrix.POS;
import static org.loyalty.infra.security.AccessMatrix.SELF;
import static org.loyalty.infra.security.AccessMatrix.STAFF;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every endpoint of the application, called as every kind of caller: those the {@link AccessMatrix} allows
 * get past authorization (their calls are built to be refused for input or not found, so nothing changes),
 * everyone else gets 403 (or 401 without valid credentials), as problem+json.
 */
@IntegrationTest
class AuthorizationIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    LoyaltyApi api;

    @BeforeEach
    void setUp() {
        api = new LoyaltyApi(port);
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() {
        String self = "authz-self-" + UUID.randomUUID();
        Map<String, LoyaltyApi> callers = new LinkedHashMap<>();
        callers.put(MEMBER_ANY, api.as(TestTokens.member(self)));
        callers.put(POS, api.as(TestTokens.pos("STORE-1")));
        callers.put(MARKETER, api.as(TestTokens.of(Role.MARKETER)));
        callers.put(STAFF, api.as(TestTokens.of(Role.STAFF)));
        callers.put(ADMIN, api);

        List<String> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(45);
        assertThat(new TreeSet<>(AccessMatrix.ALLOWED.keySet())).as("the access matrix lists exactly the application's endpoints")
                .isEqualTo(new TreeSet<>(endpoints));

        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints) {
            var allowed = AccessMatrix.ALLOWED.get(endpoint);
            boolean memberPath = endpoint.contains("{memberId}");
            for (var caller : callers.entrySet()) {
                String role = caller.getKey();
                // A member token is tried on its own member id (may it?) and, on member paths, on another's (never).
                boolean mayOnOwn = allowed.contains(role) || (role.equals(MEMBER_ANY) && allowed.contains(SELF));
                check(wrong, endpoint, role + (memberPath && role.equals(MEMBER_ANY) ? " on its own id" : ""), caller.getValue(),
                        uri(endpoint, self), mayOnOwn);
                if (memberPath && role.equals(MEMBER_ANY)) {
                    check(wrong, endpoint, "member on another's id", caller.getValue(), uri(endpoint, "authz-other-" + UUID.randomUUID()), false);
                }
            }
            int anonymous = call(api.anonymous(), endpoint, uri(endpoint, self)).getStatus().value();
            if (anonymous != 401) {
                wrong.add(endpoint + " anonymous: " + anonymous + " instead of 401");
            }
            int forged = call(api.as(tokenSignedByAnotherKey()), endpoint, uri(endpoint, self)).getStatus().value();
            if (forged != 401) {
                wrong.add(endpoint + " forged token: " + forged + " instead of 401");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aMemberAskingForAnotherMembersDataLearnsNothing() {
        String ann = api.enroll("Ann Private");
        String bob = api.enroll("Bob Curious");
        LoyaltyApi asBob = api.as(TestTokens.member(bob));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                asBob.http().get().uri("/api/v1/members/{id}/balance", bob).exchange().expectStatus().isOk());
        EntityExchangeResult<Map> existing = asBob.http().get().uri("/api/v1/members/{id}/balance", ann).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult();
        EntityExchangeResult<Map> missing = asBob.http().get().uri("/api/v1/members/{id}/balance", "no-such-member").exchange()
                .expectStatus().isForbidden()
                .expectBody(Map.class).returnResult();
        Map<Object, Object> a = new LinkedHashMap<>(existing.getResponseBody());
        Map<Object, Object> b = new LinkedHashMap<>(missing.getResponseBody());
        a.remove("instance");
        b.remove("instance");
        assertThat(a).isEqualTo(b).containsEntry("status", 403);
    }

    @Test
    void credentialsThatDoNotCheckOutAreRefusedWith401() {
        // Minted an hour ago by the right key, valid for five minutes.
        String expired = new LocalTokens(LocalSigningKey.loadOrCreate(TestTokens.KEY_FILE),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(-1)))
                .mint("admin-expired", java.util.Set.of(Role.ADMIN), null, List.of(), java.time.Duration.ofMinutes(5));
        for (String token : List.of(expired, tokenSignedByAnotherKey(), "not.a.jwt", tokenWithIssuer("https://elsewhere.example"))) {
            api.as(token).http().get().uri("/api/v1/rules").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueMatches("WWW-Authenticate", "Bearer.*invalid_token.*")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        api.anonymous().http().get().uri("/api/v1/rules").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        // A token that names none of our roles is a valid caller who may do nothing.
        api.as(TestTokens.tokens().mint("someone", java.util.Set.of(), null, List.of(), java.time.Duration.ofMinutes(5)))
                .http().get().uri("/api/v1/rewards").exchange().expectStatus().isForbidden();
    }

    @Test
    void healthAndTheApiDocumentArePublicButMetricsAreForAdmins() {
        LoyaltyApi anonymous = api.anonymous();
        anonymous.http().get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.http().get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        anonymous.http().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        api.as(TestTokens.of(Role.MARKETER)).http().get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();
        api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void answersAndRefusalsCarryTheSecurityHeaders() {
        for (LoyaltyApi caller : List.of(api, api.anonymous())) {
            caller.http().get().uri("/api/v1/rewards").exchange()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("X-XSS-Protection", "0")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                    .expectHeader().valueEquals("Pragma", "no-cache")
                    .expectHeader().doesNotExist("Strict-Transport-Security");
        }
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfter() {
        // rate-limit-test is limited to 2 requests a second (burst 4) by the test configuration.
        LoyaltyApi limited = api.as(TestTokens.tokens().mint("rate-limit-test", java.util.Set.of(Role.MARKETER), null, List.of(),
                java.time.Duration.ofMinutes(5)));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(limited.http().get().uri("/api/v1/rules").exchange().returnResult(String.class).getStatus().value());
        }
        assertThat(statuses.subList(0, 4)).containsOnly(200);
        assertThat(statuses).contains(429);
        limited.http().get().uri("/api/v1/rules").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // Other clients are not affected.
        api.as(TestTokens.of(Role.MARKETER)).http().get().uri("/api/v1/rules").exchange().expectStatus().isOk();
    }

    private void check(List<String> wrong, String endpoint, String who, LoyaltyApi caller, String uri, boolean allowed) {
        EntityExchangeResult<byte[]> result = call(caller, endpoint, uri);
        int status = result.getStatus().value();
        if (allowed && (status == 401 || status == 403 || status >= 500)) {
            wrong.add(endpoint + " as " + who + ": " + status + " but the matrix allows it");
        }
        if (!allowed) {
            if (status != 403) {
                wrong.add(endpoint + " as " + who + ": " + status + " instead of 403");
            } else if (!MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(result.getResponseHeaders().getContentType())) {
                wrong.add(endpoint + " as " + who + ": 403 without problem+json");
            }
        }
    }

    private static EntityExchangeResult<byte[]> call(LoyaltyApi caller, String endpoint, String uri) {
        HttpMethod method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
        var request = caller.http().method(method).uri(uri);
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        try {
            return request.exchange().expectBody().returnResult();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(endpoint + " " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint's path with its variables filled in: the member's, or ids that do not exist. */
    private static String uri(String endpoint, String memberId) {
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{memberId}", memberId)
                .replaceAll("\\{campaignId}|\\{ruleId}|\\{subscriptionId}", UUID.randomUUID().toString())
                .replaceAll("\\{[a-zA-Z]+}", "authz-unknown");
        return path + AccessMatrix.HARMLESS_QUERY.getOrDefault(endpoint, "");
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlerMapping.getHandlerMethods().entrySet()) {
            if (!handler.getValue().getBeanType().getPackageName().startsWith("org.loyalty.")) {
                continue;
            }
            for (PathPattern pattern : handler.getKey().getPatternsCondition().getPatterns()) {
                for (var method : handler.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(method.name() + " " + pattern.getPatternString());
                }
            }
        }
        return endpoints;
    }

    private static String forged;

    private static synchronized String tokenSignedByAnotherKey() {
        if (forged != null) {
            return forged;
        }
        try {
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("other-key");
            LocalSigningKey other = LocalSigningKey.loadOrCreate(directory.resolve("key.pem"));
            forged = new LocalTokens(other, java.time.Clock.systemUTC())
                    .mint("admin-forged", java.util.Set.of(Role.ADMIN), null, List.of(), java.time.Duration.ofMinutes(5));
            return forged;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An admin token signed with the right key but from another issuer. */
    private static String tokenWithIssuer(String issuer) {
        try {
            var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuer).subject("admin-elsewhere")
                    .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(300)))
                    .claim("roles", List.of("admin")).build();
            var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256), claims);
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(LocalSigningKey.loadOrCreate(TestTokens.KEY_FILE).privateKey()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
