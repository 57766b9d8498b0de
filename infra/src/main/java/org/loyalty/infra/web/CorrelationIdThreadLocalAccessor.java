package org.loyalty.infra.web;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Ties the Reactor context's {@value CorrelationId#CONTEXT_KEY} to the logging MDC wherever Reactor restores
 * thread-locals from its context: in {@code handle()} and {@code tap()} operators and after
 * {@code contextCapture()} ({@code spring.reactor.context-propagation=limited}); the MDC is restored
 * afterwards, so that the id never leaks onto the next request a thread serves. The platform's own log lines
 * of a request set the id explicitly ({@link Commands}, {@link ProblemDetailsAdvice}): restoring it around every
 * operator ({@code auto}) cost a quarter of a balance read's CPU.
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
