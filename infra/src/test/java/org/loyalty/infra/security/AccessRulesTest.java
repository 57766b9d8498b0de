package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.DelegatingReactiveAuthorizationManager;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcherEntry;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@link AccessRules} against Spring Security's own pathMatchers chain built from the same table (the form
 * {@link SecurityConfiguration} had before item 58): the same decision for every caller, method and path, the
 * application's endpoints and the paths around them. {@link AuthorizationIT} checks the table itself over HTTP.
 */
class AccessRulesTest {

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    private final ReactiveAuthorizationManager<AuthorizationContext> rules = SecurityConfiguration.accessRules();
    private final ReactiveAuthorizationManager<ServerWebExchange> springChain = springChain();

    @Test
    void decidesAsSpringSecuritysPathMatchersForEveryCallerMethodAndPath() {
        Map<String, Authentication> callers = callers();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String path : paths()) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS)) {
                for (Map.Entry<String, Authentication> caller : callers.entrySet()) {
                    boolean expected = grantedBySpring(method, path, caller.getValue());
                    boolean actual = granted(rules, method, path, caller.getValue());
                    checked++;
                    if (expected != actual) {
                        wrong.add(method + " " + path + " as " + caller.getKey() + ": " + actual + ", Spring's chain " + expected);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(3_000);
    }

    @Test
    void theFirstMatchingRuleDecides() {
        Authentication member = member("M-1");
        // ".../adjustments" is also under "/api/v1/members/{memberId}/**", which would let the member in.
        assertThat(granted(rules, HttpMethod.POST, "/api/v1/members/M-1/adjustments", member)).isFalse();
        assertThat(granted(rules, HttpMethod.GET, "/api/v1/members/M-1/ledger", member)).isTrue();
        assertThat(granted(rules, HttpMethod.GET, "/api/v1/members/M-2/ledger", member)).isFalse();
        assertThat(granted(rules, HttpMethod.GET, "/actuator/health", null)).isTrue();
        assertThat(granted(rules, HttpMethod.GET, "/actuator/prometheus", role(Role.STAFF))).isFalse();
        assertThat(granted(rules, HttpMethod.GET, "/actuator/prometheus", role(Role.ADMIN))).isTrue();
    }

    @Test
    void aCallerThatIsNotAuthenticatedGetsNothingButThePublicPaths() {
        CallerAuthentication notAuthenticated = new CallerAuthentication(new Caller("c", Set.of(Role.ADMIN), null, Set.of()));
        notAuthenticated.setAuthenticated(false);

        assertThat(granted(rules, HttpMethod.GET, "/api/v1/rules", notAuthenticated)).isFalse();
        assertThat(granted(rules, HttpMethod.GET, "/v3/api-docs", notAuthenticated)).isTrue();
    }

    private static boolean granted(ReactiveAuthorizationManager<AuthorizationContext> manager, HttpMethod method, String path,
                                   Authentication caller) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        AuthorizationResult result = manager.authorize(Mono.justOrEmpty(caller), new AuthorizationContext(exchange)).block();
        return result != null && result.isGranted();
    }

    private boolean grantedBySpring(HttpMethod method, String path, Authentication caller) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        AuthorizationResult result = springChain.authorize(Mono.justOrEmpty(caller), exchange).block();
        return result != null && result.isGranted();
    }

    /** Every endpoint of the access matrix with its variables filled in, and the paths around them. */
    private static List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (String endpoint : AccessMatrix.ALLOWED.keySet()) {
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "M-1");
            paths.add(path);
            paths.add(path + "/");
            paths.add(path + "/extra");
            paths.add(path.replace("M-1", "M-2"));
        }
        paths.addAll(List.of("/", "/api", "/api/v1", "/api/v1/", "/api/v1/members/", "/api/v1/membersX/M-1", "/api/v1/members/M-1",
                "/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/info", "/actuator/prometheus",
                "/actuator/metrics/jvm.memory.used", "/v3/api-docs", "/v3/api-docs/x", "/v3/api-docs.yaml", "/swagger-ui.html",
                "/swagger-ui/index.html", "/webjars/a/b.js", "/API/v1/rules", "/api/v1/rules/../pos/purchases"));
        return paths;
    }

    private static Map<String, Authentication> callers() {
        Map<String, Authentication> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("member M-1", member("M-1"));
        callers.put("member M-2", member("M-2"));
        for (Role role : Role.values()) {
            callers.put(role.name(), role(role));
        }
        callers.put("pos and marketer", new CallerAuthentication(new Caller("c", Set.of(Role.POS, Role.MARKETER), null, Set.of())));
        return callers;
    }

    private static Authentication member(String memberId) {
        return new CallerAuthentication(new Caller("app", Set.of(Role.MEMBER), memberId, Set.of()));
    }

    private static Authentication role(Role role) {
        return new CallerAuthentication(new Caller("c", Set.of(role), null, Set.of()));
    }

    /** The table as SecurityConfiguration wrote it with Spring Security's pathMatchers, up to round 19. */
    private static ReactiveAuthorizationManager<ServerWebExchange> springChain() {
        String pos = "POS", staff = "STAFF", marketer = "MARKETER", admin = "ADMIN";
        return DelegatingReactiveAuthorizationManager.builder()
                .add(entry(ServerWebExchangeMatchers.pathMatchers(PUBLIC), (a, c) -> Mono.just(new AuthorizationDecision(true))))
                .add(entry(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/v1/pos/purchases", "/api/v1/pos/returns"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole(pos, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/v1/members"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole(pos, staff, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers("/api/v1/members/{memberId}/adjustments", "/api/v1/members/{memberId}/adjustments/**"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole(staff, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/v1/members/{memberId}/interactions"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole(staff, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers("/api/v1/members/{memberId}/insights"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole(marketer, staff, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers("/api/v1/members/{memberId}", "/api/v1/members/{memberId}/**"),
                        (authentication, context) -> authentication
                                .filter(CallerAuthentication.class::isInstance)
                                .<AuthorizationResult>map(a -> new AuthorizationDecision(
                                        ((CallerAuthentication) a).caller().mayActFor((String) context.getVariables().get("memberId"))))
                                .defaultIfEmpty(new AuthorizationDecision(false))))
                .add(entry(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/v1/rewards"),
                        AuthorityReactiveAuthorizationManager.hasAnyRole("MEMBER", pos, marketer, staff, admin)))
                .add(entry(ServerWebExchangeMatchers.pathMatchers("/api/v1/rules", "/api/v1/rules/**", "/api/v1/campaigns",
                        "/api/v1/campaigns/**", "/api/v1/analytics", "/api/v1/analytics/**"), AuthorityReactiveAuthorizationManager.hasAnyRole(marketer, admin)))
                .add(entry(ServerWebExchangeMatchers.anyExchange(), AuthorityReactiveAuthorizationManager.hasRole(admin)))
                .build();
    }

    private static ServerWebExchangeMatcherEntry<ReactiveAuthorizationManager<AuthorizationContext>> entry(
            org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher matcher,
            ReactiveAuthorizationManager<AuthorizationContext> manager) {
        return new ServerWebExchangeMatcherEntry<>(matcher, manager);
    }
}
