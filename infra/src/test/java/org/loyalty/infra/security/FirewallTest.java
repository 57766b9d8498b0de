package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** The application's firewall: the strict firewall's checks, with its request wrapper made once per exchange. */
class FirewallTest {

    private final ServerWebExchangeFirewall firewall = new SecurityConfiguration().firewall();

    @Test
    void everyLookAtTheRequestGetsTheSameGuardedRequest() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.get("/api/v1/members/M-1/balance"));

        assertThat(exchange.getRequest()).isSameAs(exchange.getRequest());
        assertThat(exchange.getRequest().getPath().value()).isEqualTo("/api/v1/members/M-1/balance");
    }

    @Test
    void aPathWithAnEncodedSlashIsStillRefused() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/members/a%2Fb/balance"));

        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void aHeaderWithAControlCharacterIsStillRefusedWhenRead() {
        ServerWebExchange exchange = firewalled(MockServerHttpRequest.get("/api/v1/members/M-1/balance")
                .header("X-Note", "bell\u0007"));

        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-Note"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    private ServerWebExchange firewalled(MockServerHttpRequest.BaseBuilder<?> request) {
        return firewall.getFirewalledExchange(MockServerWebExchange.from(request)).block();
    }
}
