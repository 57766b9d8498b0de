package org.loyalty.infra.security;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each client of the API: an authenticated caller by its client id (token subject or API key), an
 * anonymous one by its address, at a lower rate. Placed after authentication, so a valid token's owner is
 * never limited by the traffic of others behind the same address.
 */
final class RateLimitFilter implements WebFilter {

    private final SecurityProperties.RateLimit settings;
    private final RateLimiter limiter;

    RateLimitFilter(SecurityProperties.RateLimit settings, RateLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!settings.enabled() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return CallerAuthentication.current()
                .map(Caller::clientId)
                .map(client -> limiter.acquire(client, rateOf(client), burstOf(client)))
                .switchIfEmpty(Mono.fromSupplier(() -> limiter.acquire("address:" + address(exchange),
                        settings.anonymousRequestsPerSecond(), settings.anonymousRequestsPerSecond() * 2.0)))
                .flatMap(wait -> wait == 0 ? chain.filter(exchange) : SecurityProblems.tooManyRequests(exchange, wait));
    }

    private double rateOf(String client) {
        Integer override = settings.perClient().get(client);
        return override != null ? override : settings.requestsPerSecond();
    }

    private double burstOf(String client) {
        Integer override = settings.perClient().get(client);
        return override != null ? override * 2.0 : settings.burst();
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
