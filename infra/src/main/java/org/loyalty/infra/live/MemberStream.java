package org.loyalty.infra.live;

import java.time.Duration;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.WatchMember;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A member's live stream as Server-Sent Events: the current state first, then every change, over a
 * {@link WatchMember} subscription query of this node's query bus.
 *
 * <p>The subscription is opened when the stream is subscribed to and closed when it ends for any reason:
 * the client goes away (Netty cancels the response), the query fails, or the application shuts down
 * (streams are completed when the context starts closing, so a graceful shutdown never waits for them).
 */
public class MemberStream implements ApplicationListener<ContextClosedEvent> {

    static final String HEARTBEAT = "heartbeat";

    private final QueryGateway queries;
    private final Duration heartbeat;
    private final Sinks.Empty<Void> closing = Sinks.empty();

    public MemberStream(QueryGateway queries, Duration heartbeat) {
        this.queries = queries;
        this.heartbeat = heartbeat;
    }

    /** Every update of the member as an event named after its kind, with a comment line every heartbeat in between. */
    public Flux<ServerSentEvent<MemberUpdate>> open(String memberId) {
        Flux<ServerSentEvent<MemberUpdate>> updates = Flux.using(
                        () -> queries.subscriptionQuery(new WatchMember(memberId),
                                ResponseTypes.instanceOf(MemberUpdate.class), ResponseTypes.instanceOf(MemberUpdate.class)),
                        MemberStream::inOrder,
                        SubscriptionQueryResult::close)
                .map(MemberStream::event);
        Flux<ServerSentEvent<MemberUpdate>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick -> ServerSentEvent.<MemberUpdate>builder().comment(HEARTBEAT).build());
        return updates
                .publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.ignoreElements().then(Mono.just(true)))))
                .takeUntilOther(closing.asMono().then(Mono.just(true)));
    }

    /**
     * The current state, then the updates it does not already contain. Both are subscribed to at once, so
     * that cancelling at any moment (even before the first answer) cancels the updates too, which is what
     * removes the subscription from the emitter; updates arriving before the first answer wait behind it.
     */
    static Flux<MemberUpdate> inOrder(SubscriptionQueryResult<MemberUpdate, MemberUpdate> result) {
        Mono<MemberUpdate> current = result.initialResult().cache();
        Flux<MemberUpdate> news = result.updates().filterWhen(update -> current.map(state -> isNews(update, state)));
        // A member the read model does not know (gone between the 404 check and the query): nothing to stream.
        return Flux.mergeSequential(current.flux(), news)
                .takeUntilOther(current.hasElement().flatMap(known -> known ? Mono.never() : Mono.just(true)));
    }

    /** Offers always; a balance or tier update only when it is newer than the state the stream started from. */
    static boolean isNews(MemberUpdate update, MemberUpdate current) {
        return update.kind() == MemberUpdate.Kind.OFFER || update.sequence() == null || update.sequence() > current.sequence();
    }

    static ServerSentEvent<MemberUpdate> event(MemberUpdate update) {
        return ServerSentEvent.builder(update)
                .event(update.kind().name().toLowerCase(Locale.ROOT))
                .id(update.sequence() != null ? update.sequence().toString() : update.eventId())
                .build();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.tryEmitEmpty();
    }
}
