package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginEmbedderPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.FeaturePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.PermissionsPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

/** {@link SecurityHeaders} writes what Spring Security's default header writers write, response by response. */
class SecurityHeadersTest {

    /** The writers Spring Security's {@code ServerHttpSecurity.HeaderSpec} configures by default, in its order. */
    private static final ServerHttpHeadersWriter SPRING_DEFAULTS = new CompositeServerHttpHeadersWriter(
            new CacheControlServerHttpHeadersWriter(), new ContentTypeOptionsServerHttpHeadersWriter(),
            new StrictTransportSecurityServerHttpHeadersWriter(), new XFrameOptionsServerHttpHeadersWriter(),
            new XXssProtectionServerHttpHeadersWriter(), new FeaturePolicyServerHttpHeadersWriter(),
            new PermissionsPolicyServerHttpHeadersWriter(), new ContentSecurityPolicyServerHttpHeadersWriter(),
            new ReferrerPolicyServerHttpHeadersWriter(), new CrossOriginOpenerPolicyServerHttpHeadersWriter(),
            new CrossOriginEmbedderPolicyServerHttpHeadersWriter(), new CrossOriginResourcePolicyServerHttpHeadersWriter());

    @Test
    void writesWhatSpringsDefaultsWriteOnEveryKindOfResponse() {
        Map<String, Consumer<MockServerWebExchange>> responses = Map.of(
                "a plain 200", exchange -> exchange.getResponse().setStatusCode(HttpStatus.OK),
                "a 201 with a body's headers", exchange -> {
                    exchange.getResponse().setStatusCode(HttpStatus.CREATED);
                    exchange.getResponse().getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
                    exchange.getResponse().getHeaders().set("Idempotent-Replayed", "false");
                },
                "a 304", exchange -> exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED),
                "a 401", exchange -> exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED),
                "its own cache control", exchange -> exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "max-age=60"),
                "only its own expiry", exchange -> exchange.getResponse().getHeaders().set(HttpHeaders.EXPIRES, "Wed, 21 Oct 2026 07:28:00 GMT"),
                "its own frame options", exchange -> exchange.getResponse().getHeaders().set("X-Frame-Options", "SAMEORIGIN"),
                "names in another case", exchange -> {
                    exchange.getResponse().getHeaders().set("x-content-type-options", "nosniff");
                    exchange.getResponse().getHeaders().set("referrer-policy", "origin");
                    exchange.getResponse().getHeaders().set("pragma", "no-cache");
                },
                "no status yet", exchange -> { });
        for (String url : List.of("http://localhost/api/v1/members/M1/balance", "https://loyalty.example.com/api/v1/pos/purchases")) {
            responses.forEach((response, prepare) -> {
                assertThat(headersWrittenBy(new SecurityHeaders(), url, prepare)).as("%s over %s", response, url)
                        .isEqualTo(headersWrittenBy(SPRING_DEFAULTS, url, prepare))
                        .isNotEmpty();
            });
        }
    }

    @Test
    void aPlainResponseGetsTheUsualSecurityHeadersAndNoHstsOverHttp() {
        Map<String, List<String>> written = headersWrittenBy(new SecurityHeaders(), "http://localhost/api/v1/pos/purchases", exchange -> { });

        assertThat(written).containsOnlyKeys("cache-control", "pragma", "expires", "x-content-type-options", "x-frame-options",
                "x-xss-protection", "referrer-policy");
        assertThat(written.get("x-frame-options")).containsExactly("DENY");
    }

    private static Map<String, List<String>> headersWrittenBy(ServerHttpHeadersWriter writer, String url, Consumer<MockServerWebExchange> prepare) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        prepare.accept(exchange);
        writer.writeHttpHeaders(exchange).block();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getResponse().getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }
}
