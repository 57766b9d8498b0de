package org.loyalty.infra.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands from reactive handlers. Axon's local command bus handles a command in the thread
 * that sends it, with blocking JDBC, so sending happens on the bounded elastic scheduler and never
 * on an event-loop thread.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command) {
        return Mono.defer(() -> Mono.<R>fromFuture(gateway.send(command)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
