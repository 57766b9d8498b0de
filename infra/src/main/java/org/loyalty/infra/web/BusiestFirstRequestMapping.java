package org.loyalty.infra.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring's request mapping, with the application's busiest templated endpoints tried before the rest.
 *
 * <p>Why: a path with a variable ({@code /members/{memberId}/balance}) has no direct lookup, so Spring checks every
 * mapping of the application against it, all conditions of every {@code GET} mapping included, and keeps the best
 * match: a tenth of a balance read's CPU at 5,000 reads/s (bench/NOTES.md item 59). Here the listed endpoints'
 * mappings are checked first, with Spring's own conditions, and the first that matches is taken as Spring would take
 * it ({@link #handleMatch}: path variables, best pattern). That is the answer Spring's full walk gives only while no
 * other mapping matches the same requests; {@code BusiestFirstMappingIT} checks that for the application's
 * mappings. CORS pre-flight requests, whose matching differs, take the full walk.
 */
public class BusiestFirstRequestMapping extends RequestMappingHandlerMapping {

    /** A mapping to try first, and its method. */
    private record Busy(RequestMappingInfo mapping, HandlerMethod handler) {
    }

    private final List<String> busiest;
    private volatile List<Busy> first = List.of();

    /**
     * @param busiest endpoints as {@code "GET /api/v1/members/{memberId}/balance"}: a method and a pattern as the
     *                controller declares them; the application fails to start if one is not mapped
     */
    public BusiestFirstRequestMapping(List<String> busiest) {
        this.busiest = List.copyOf(busiest);
    }

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        List<Busy> found = new ArrayList<>();
        for (String endpoint : busiest) {
            found.add(handlerMethods.entrySet().stream()
                    .filter(entry -> declares(entry.getKey(), endpoint))
                    .map(entry -> new Busy(entry.getKey(), entry.getValue()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No controller method maps " + endpoint
                            + ", listed among the busiest endpoints")));
        }
        first = List.copyOf(found);
    }

    /** The endpoints checked before the rest, as given. */
    public List<String> busiest() {
        return busiest;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(ServerWebExchange exchange) throws Exception {
        if (!CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            for (Busy busy : first) {
                RequestMappingInfo match = getMatchingMapping(busy.mapping(), exchange);
                if (match != null) {
                    handleMatch(match, busy.handler(), exchange);
                    return busy.handler();
                }
            }
        }
        return super.lookupHandlerMethod(exchange);
    }

    private static boolean declares(RequestMappingInfo mapping, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        return mapping.getMethodsCondition().getMethods().size() == 1
                && mapping.getMethodsCondition().getMethods().iterator().next().name().equals(method)
                && mapping.getPatternsCondition().getPatterns().size() == 1
                && mapping.getPatternsCondition().getPatterns().iterator().next().getPatternString().equals(pattern);
    }
}
