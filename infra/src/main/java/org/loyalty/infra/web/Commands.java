package org.loyalty.infra.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.loyalty.infra.security.Caller;
import org.loyalty.infra.security.CallerAuthentication;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands from reactive handlers. Axon's local command bus handles a command in the thread
 * that sends it, with blocking JDBC, so sending happens on the bounded elastic scheduler and never
 * on an event-loop thread.
 *
 * <p>The request's correlation id (from the Reactor context, see {@link CorrelationIdFilter}) goes onto
 * the command as metadata {@value CorrelationId#METADATA_KEY}, from where Axon copies it onto the events
 * the command produces, and into the logging MDC while the command is handled. The authenticated caller goes
 * along as metadata {@value #CALLER_METADATA_KEY}, so every event says on whose request it happened.
 */
@Component
public class Commands {

    /** Who sent the command (the token subject or {@code api-key:<id>}); copied onto its events, for audit. */
    public static final String CALLER_METADATA_KEY = "caller";

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command) {
        return CallerAuthentication.current()
                .map(Caller::clientId)
                .defaultIfEmpty("")
                .flatMap(caller -> Mono.deferContextual(context -> {
                    Optional<String> correlationId = context.getOrEmpty(CorrelationId.CONTEXT_KEY);
                    return Mono.<R>fromFuture(() -> this.<R>send(command, correlationId.orElse(null), caller));
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private <R> java.util.concurrent.CompletableFuture<R> send(Object command, String correlationId, String caller) {
        Map<String, String> metaData = new HashMap<>();
        if (correlationId != null) {
            metaData.put(CorrelationId.METADATA_KEY, correlationId);
        }
        if (!caller.isEmpty()) {
            metaData.put(CALLER_METADATA_KEY, caller);
        }
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        if (correlationId != null) {
            MDC.put(CorrelationId.MDC_KEY, correlationId);
        }
        try {
            return gateway.send(message);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
