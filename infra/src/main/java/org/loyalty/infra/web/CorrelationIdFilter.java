package org.loyalty.infra.web;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id (see {@link CorrelationId}): returned in the response's
 * {@value CorrelationId#HEADER} header and put into the Reactor context, from where {@link Commands}
 * attaches it to the command and sets the logging MDC while the command is handled.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
        exchange.getAttributes().put(CorrelationId.CONTEXT_KEY, id);
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            return chain.filter(exchange).contextWrite(context -> context.put(CorrelationId.CONTEXT_KEY, id));
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
