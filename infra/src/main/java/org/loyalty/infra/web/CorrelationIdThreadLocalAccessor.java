package org.loyalty.infra.web;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Ties the Reactor context's {@value CorrelationId#CONTEXT_KEY} to the logging MDC. With Reactor's
 * automatic context propagation ({@code spring.reactor.context-propagation=auto}) every step of a
 * request, on a Netty, R2DBC or bounded-elastic thread alike, logs with the id that
 * {@link CorrelationIdFilter} put into the context, and the MDC is restored afterwards, so that the
 * id never leaks onto the next request a thread serves.
 *
 * <p>Registered through {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}.
 */
public final class CorrelationIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return CorrelationId.CONTEXT_KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(CorrelationId.MDC_KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(CorrelationId.MDC_KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(CorrelationId.MDC_KEY);
    }
}
