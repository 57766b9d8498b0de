package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The loops that replace Spring Security's regular expressions (firewall header checks, bearer token parsing) give
 * Spring's answers: on hand-picked edge cases and on random strings drawn from characters each rule treats differently.
 */
class SpringEquivalentHeaderChecksTest {

    private static final String[] PIECES = {"a", "Z", "9", "-", ".", "_", "~", "+", "/", "=", " ", "\t", "\n", "\r", "\u0000",
            "\u007f", "\u0085", "é", "\u0378", "\ud83d\ude00", "\ud83d", "\ude00", "\u00a0", "\u2028", "Bearer ", "bearer ",
            "BEARER", "Basic ", "eyJhbGciOiJSUzI1NiJ9", ",", "\"", "|"};

    @Test
    void headerNamesAndValuesAreJudgedAsSpringsFirewallJudgesThem() {
        List<String> texts = new ArrayList<>(samples());
        texts.add(null);
        for (String text : texts) {
            assertThat(HeaderCharacters.validName(text)).as("name %s", escaped(text))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(HeaderCharacters.validValue(text)).as("value %s", escaped(text))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    @Test
    void bearerTokensAreReadAsSpringsConverterReadsThem() {
        ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
        BearerTokenHeader ours = new BearerTokenHeader();
        List<String> headers = new ArrayList<>(samples());
        headers.addAll(List.of("Bearer abc", "bearer abc==", "Bearer abc=def", "Bearer ===", "Bearer ", "Bearer  abc", "Bearerabc",
                "BeArEr a.b-c_d~e+f/g=", "Bearer abc ", "Basic abc", "bear", ""));
        for (String header : headers) {
            assertThat(outcome(ours.convert(exchange(header)))).as("Authorization: %s", escaped(header))
                    .isEqualTo(outcome(spring.convert(exchange(header))));
        }
        assertThat(outcome(ours.convert(MockServerWebExchange.from(MockServerHttpRequest.get("/"))))).isEqualTo("none");
    }

    /** "none", "token:<value>" or "error:<OAuth2 error code>". */
    private static String outcome(reactor.core.publisher.Mono<Authentication> converted) {
        try {
            Authentication authentication = converted.block();
            return authentication == null ? "none" : "token:" + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (org.springframework.security.oauth2.core.OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode();
        }
    }

    private static MockServerWebExchange exchange(String authorization) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/").header(HttpHeaders.AUTHORIZATION, authorization));
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>(List.of(PIECES));
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int n = random.nextInt(6); n >= 0; n--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            samples.add(text.toString());
        }
        return samples;
    }

    private static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }
}
