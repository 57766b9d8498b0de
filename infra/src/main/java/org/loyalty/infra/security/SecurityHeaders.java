package org.loyalty.infra.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The headers Spring Security writes on every response by default, written without its per-response sets of header
 * names: cache control (except on a 304), {@code nosniff}, frame options, XSS protection off, no referrer, and HSTS
 * over HTTPS. As Spring's writers do, a group of headers is written only when the response carries none of its names
 * already, so a controller that sets its own cache headers keeps them.
 *
 * <p>Why: Spring's writers build a case-insensitive set of names for each group and copy its entries one by one, 4%
 * of a purchase's group-commit thread and 1.6% of the application's CPU at the purchase ceiling (bench/NOTES.md item
 * 61). {@code SecurityHeadersTest} checks this writer against Spring's defaults, response by response.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    private static final String[][] CACHE_CONTROL = {{HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"},
            {HttpHeaders.PRAGMA, "no-cache"}, {HttpHeaders.EXPIRES, "0"}};
    private static final String[][] CONTENT_TYPE_OPTIONS = {{"X-Content-Type-Options", "nosniff"}};
    private static final String[][] FRAME_OPTIONS = {{"X-Frame-Options", "DENY"}};
    private static final String[][] XSS_PROTECTION = {{"X-XSS-Protection", "0"}};
    private static final String[][] REFERRER_POLICY = {{"Referrer-Policy", "no-referrer"}};

    /** Spring's own: it writes only over HTTPS, which a node behind a load balancer seldom sees. */
    private final ServerHttpHeadersWriter strictTransportSecurity = new StrictTransportSecurityServerHttpHeadersWriter();

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
            writeUnlessPresent(headers, CACHE_CONTROL);
        }
        writeUnlessPresent(headers, CONTENT_TYPE_OPTIONS);
        writeUnlessPresent(headers, FRAME_OPTIONS);
        writeUnlessPresent(headers, XSS_PROTECTION);
        writeUnlessPresent(headers, REFERRER_POLICY);
        return strictTransportSecurity.writeHttpHeaders(exchange);
    }

    private static void writeUnlessPresent(HttpHeaders headers, String[][] group) {
        for (String[] header : group) {
            if (headers.containsHeader(header[0])) {
                return;
            }
        }
        for (String[] header : group) {
            headers.set(header[0], header[1]);
        }
    }
}
