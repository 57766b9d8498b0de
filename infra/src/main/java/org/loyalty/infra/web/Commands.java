package org.loyalty.infra.web;

import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
 * the command produces, and into the logging MDC while the command is handled.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command) {
        return Mono.deferContextual(context -> {
                    Optional<String> correlationId = context.getOrEmpty(CorrelationId.CONTEXT_KEY);
                    return Mono.<R>fromFuture(() -> correlationId.map(id -> this.<R>send(command, id)).orElseGet(() -> gateway.send(command)));
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private <R> java.util.concurrent.CompletableFuture<R> send(Object command, String correlationId) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(CorrelationId.METADATA_KEY, correlationId));
        MDC.put(CorrelationId.MDC_KEY, correlationId);
        try {
            return gateway.send(message);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
