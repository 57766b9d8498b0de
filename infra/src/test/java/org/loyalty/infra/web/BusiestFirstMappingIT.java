package org.loyalty.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webflux.actuate.endpoint.web.WebFluxEndpointHandlerMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The application's request mapping tries the busiest endpoints first (bench/NOTES.md item 59): it must find what
 * Spring's walk over every mapping finds, which holds while no other mapping matches a busiest endpoint's requests;
 * and the actuator's mapping, asked after the application's, must find what it found when asked first.
 */
@IntegrationTest
class BusiestFirstMappingIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    WebFluxEndpointHandlerMapping actuator;

    @Autowired
    DispatcherHandler dispatcher;

    @Test
    void theApplicationsMappingTriesTheBalanceReadFirst() {
        assertThat(mapping).isInstanceOf(BusiestFirstRequestMapping.class);
        assertThat(((BusiestFirstRequestMapping) mapping).busiest()).containsExactly("GET /api/v1/members/{memberId}/balance");
    }

    @Test
    void noOtherMappingMatchesABusiestEndpointsRequests() {
        for (String endpoint : ((BusiestFirstRequestMapping) mapping).busiest()) {
            HttpMethod method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "M-1");
            for (MockServerHttpRequest request : List.of(MockServerHttpRequest.method(method, path).build(),
                    MockServerHttpRequest.method(HttpMethod.HEAD, path).build(),
                    MockServerHttpRequest.method(method, path).accept(MediaType.APPLICATION_XML).build(),
                    MockServerHttpRequest.method(method, path + "?limit=5").build())) {
                MockServerWebExchange exchange = MockServerWebExchange.from(request);
                List<RequestMappingInfo> matching = mapping.getHandlerMethods().keySet().stream()
                        .filter(info -> info.getMatchingCondition(exchange) != null)
                        .toList();
                assertThat(matching).as(request.getMethod() + " " + request.getURI()).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void theActuatorIsAskedAfterTheApplicationWhichMapsNoneOfItsPaths() {
        List<HandlerMapping> mappings = dispatcher.getHandlerMappings();
        assertThat(mappings).isNotNull();
        assertThat(mappings.indexOf(mapping)).isLessThan(mappings.indexOf(actuator)).isNotNegative();

        List<String> actuatorPaths = actuator.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternsCondition().getPatterns().stream())
                .map(pattern -> pattern.getPatternString().replaceAll("\\{\\*?[^}]+}", "x").replace("**", "x"))
                .toList();
        assertThat(actuatorPaths).contains("/actuator/health", "/actuator/prometheus");
        for (String path : actuatorPaths) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
                MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
                assertThat(mapping.getHandler(exchange).blockOptional()).as(method + " " + path).isEmpty();
            }
        }
        LoyaltyApi api = new LoyaltyApi(port);
        api.http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void findsWhatSpringsWalkOverEveryMappingFinds() {
        RequestMappingHandlerMapping spring = new RequestMappingHandlerMapping();
        mapping.getHandlerMethods().forEach((info, handler) ->
                spring.registerMapping(info, handler.createWithResolvedBean().getBean(), handler.getMethod()));
        List<MockServerHttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/api/v1/members/M-1/balance", "/api/v1/members/M-1/balance/", "/api/v1/members/M-1/ledger",
                "/api/v1/members/M-1", "/api/v1/members/M-1/offers/O-1/view", "/api/v1/pos/purchases", "/api/v1/rules/R-1",
                "/api/v1/members//balance", "/api/v1/nothing")) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.DELETE)) {
                requests.add(MockServerHttpRequest.method(method, path).build());
            }
        }
        requests.add(MockServerHttpRequest.get("/api/v1/members/M-1/balance").accept(MediaType.APPLICATION_XML).build());
        requests.add(MockServerHttpRequest.options("/api/v1/members/M-1/balance").header(HttpHeaders.ORIGIN, "https://app.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET").build());
        for (MockServerHttpRequest request : requests) {
            String what = request.getMethod() + " " + request.getURI();
            MockServerWebExchange ours = MockServerWebExchange.from(request);
            MockServerWebExchange theirs = MockServerWebExchange.from(request);
            Lookup expected = lookup(spring, theirs);
            Lookup actual = lookup(mapping, ours);
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    @Test
    void theBalanceReadAnswersAsEverOverHttp() {
        LoyaltyApi api = new LoyaltyApi(port);
        String member = api.enroll("Busiest First");

        await().untilAsserted(() -> assertThat(api.balanceView(member)).containsEntry("memberId", member).containsEntry("balance", 0));

        api.http().get().uri("/api/v1/members/{id}/balance", "M-NOBODY").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        api.http().get().uri("/api/v1/members/{id}/balance", member).accept(MediaType.APPLICATION_XML).exchange()
                .expectStatus().isEqualTo(406);
        String scrape = api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/api/v1/members/\\{memberId}/balance\"");
    }

    /** What a lookup found and left on the exchange for the handler, or the error it gave. */
    private record Lookup(Object handler, Object pattern, Object variables, String error) {
    }

    private static Lookup lookup(RequestMappingHandlerMapping mapping, MockServerWebExchange exchange) {
        try {
            Object handler = mapping.getHandler(exchange).block();
            Object method = handler instanceof HandlerMethod found ? found.getMethod() : handler == null ? null : handler.getClass();
            return new Lookup(method, String.valueOf(exchange.getAttributes().get(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)),
                    exchange.getAttributes().get(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE), null);
        } catch (RuntimeException e) {
            return new Lookup(null, null, null, e.getClass().getName());
        }
    }
}
