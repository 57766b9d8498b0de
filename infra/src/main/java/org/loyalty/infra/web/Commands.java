package org.loyalty.infra.web;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.loyalty.infra.axon.GroupCommits;
import org.loyalty.infra.security.Caller;
import org.loyalty.infra.security.CallerAuthentication;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands from reactive handlers. A till's purchase or return is queued for a group commit
 * ({@link GroupCommits}), which never blocks. Any other command, or one whose lane is full, is sent alone:
 * Axon's local command bus handles it in the thread that sends it, with blocking JDBC, so that happens on the
 * bounded elastic scheduler and never on an event-loop thread.
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
    private final GroupCommits groupCommits;

    public Commands(CommandGateway gateway, GroupCommits groupCommits) {
        this.gateway = gateway;
        this.groupCommits = groupCommits;
    }

    public <R> Mono<R> send(Object command) {
        boolean grouped = groupCommits.handles(command);
        return CallerAuthentication.current()
                .map(Caller::clientId)
                .defaultIfEmpty("")
                .flatMap(caller -> Mono.deferContextual(context -> {
                    String correlationId = context.<String>getOrEmpty(CorrelationId.CONTEXT_KEY).orElse(null);
                    CommandMessage<?> message = message(command, correlationId, caller);
                    // Queuing for a group commit never blocks; a command sent alone is handled, with blocking JDBC, in
                    // the sending thread, so never on an event loop.
                    CompletableFuture<R> queued = grouped ? groupCommits.offer(message) : null;
                    return queued != null ? Mono.fromFuture(queued)
                            : Mono.<R>fromFuture(() -> send(message, correlationId)).subscribeOn(Schedulers.boundedElastic());
                }));
    }

    private static CommandMessage<?> message(Object command, String correlationId, String caller) {
        Map<String, String> metaData = new HashMap<>();
        if (correlationId != null) {
            metaData.put(CorrelationId.METADATA_KEY, correlationId);
        }
        if (!caller.isEmpty()) {
            metaData.put(CALLER_METADATA_KEY, caller);
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
    }

    private <R> CompletableFuture<R> send(CommandMessage<?> message, String correlationId) {
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
