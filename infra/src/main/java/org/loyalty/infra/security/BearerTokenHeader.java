package org.loyalty.infra.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the bearer token from the {@code Authorization} header as Spring Security's converter does (a header that
 * starts with "bearer" in any case must be "Bearer", one space and a token of RFC 6750's characters, or the request
 * is refused as malformed), by a loop instead of its regular expression. Why: that expression ran over every
 * request's token, a few hundred characters, and took 2% of a node's CPU under 2,000 purchases/s (bench/NOTES.md
 * item 30). Tokens in query parameters or form bodies, off by default in Spring's converter, are not read here either.
 */
final class BearerTokenHeader implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "bearer", 0, "bearer".length())) {
                return Mono.empty();
            }
            String token = tokenOf(header);
            if (token == null) {
                return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
            }
            return Mono.just(new BearerTokenAuthenticationToken(token));
        });
    }

    /** The token, or null when the header is not "Bearer", a space, token68 characters and optional trailing '='. */
    private static String tokenOf(String header) {
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return null;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!tokenCharacter(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }

    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
