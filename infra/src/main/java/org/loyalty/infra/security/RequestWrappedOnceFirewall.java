package org.loyalty.infra.security;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * Another firewall's checks, with the request it guards wrapped once per exchange. Spring Security's strict firewall
 * hands out an exchange that wraps the request anew at every {@code getRequest()}, and the handler lookup alone asks
 * about ten times a request: 7.7% of the bytes a balance read allocated (bench/NOTES.md item 55). The wrapper holds
 * no state of its own (its header and query checks run whenever they are read), so one serves the whole exchange.
 */
final class RequestWrappedOnceFirewall implements ServerWebExchangeFirewall {

    private final ServerWebExchangeFirewall checks;

    RequestWrappedOnceFirewall(ServerWebExchangeFirewall checks) {
        this.checks = checks;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return checks.getFirewalledExchange(exchange).map(RequestWrappedOnce::new);
    }

    /** A mutated exchange is built from the firewall's own and wraps its request as that one does. */
    private static final class RequestWrappedOnce extends ServerWebExchangeDecorator {

        private final ServerHttpRequest request;

        RequestWrappedOnce(ServerWebExchange firewalled) {
            super(firewalled);
            this.request = firewalled.getRequest();
        }

        @Override
        public ServerHttpRequest getRequest() {
            return request;
        }
    }
}
