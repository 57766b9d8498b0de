package org.loyalty.infra.security;

import org.loyalty.infra.security.apikey.ApiKeys;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * Authenticates requests that carry {@code X-Api-Key}: a till's key stands for the {@link Role#POS} role and
 * its stores. Requests without the header are left to the bearer token filter.
 */
final class ApiKeyAuthentication {

    static final String HEADER = "X-Api-Key";

    private ApiKeyAuthentication() {
    }

    static AuthenticationWebFilter filter(ApiKeys keys, SecurityProblems problems) {
        ReactiveAuthenticationManager manager = authentication -> keys.authenticate((String) authentication.getCredentials())
                .<org.springframework.security.core.Authentication>map(CallerAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown, revoked or rotated-out API key")));
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setRequiresAuthenticationMatcher(exchange -> exchange.getRequest().getHeaders().containsHeader(HEADER)
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch());
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(HEADER))
                .map(key -> UsernamePasswordAuthenticationToken.unauthenticated("api-key", key)));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
        return filter;
    }
}
