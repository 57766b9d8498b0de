package org.loyalty.infra.live;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.live.MemberUpdatePublisher;
import org.loyalty.query.live.RecentMemberUpdates;
import org.loyalty.query.live.WatchMemberQueryHandler;
import org.springframework.context.annotation.Bean;

/**
 * Live updates: the {@value MemberUpdatePublisher#PROCESSING_GROUP} processor, the {@code WatchMember}
 * query handler and the SSE streams.
 *
 * <p>Subscription queries are answered and updated inside one JVM, while the read-model processors
 * share their segments between the nodes: a node only projects the members of its segments. So every
 * node runs its own live-updates processor over the whole event stream:
 * <ul>
 *   <li>a tracking processor, one thread and one segment: it waits on the event store's stream and
 *       handles an event as soon as it is there, with one thread and no coordinator (the pooled
 *       processors get the same promptness from {@code SignallingEventStore}'s arrival watch);</li>
 *   <li>tokens in memory, nothing in {@code token_entry}: each node's token is its own, no claim is
 *       contended, nothing is left behind by a node that goes away, and a restart starts at the head of
 *       the stream (nobody was listening to what happened while it was down: a client that reconnects
 *       gets the current state first);</li>
 *   <li>no transaction: it writes nothing, and reads only events that are committed.</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class LiveUpdatesConfiguration {

    @Bean
    RecentMemberUpdates recentMemberUpdates(LiveUpdatesProperties properties) {
        return new RecentMemberUpdates(properties.recentCapacity(), properties.recentTtl());
    }

    @Bean
    MemberUpdatePublisher memberUpdatePublisher(QueryUpdateEmitter queryUpdateEmitter, RecentMemberUpdates recent) {
        return new MemberUpdatePublisher(queryUpdateEmitter, recent);
    }

    @Bean
    WatchMemberQueryHandler watchMemberQueryHandler(AccountReader reader, RecentMemberUpdates recent) {
        return new WatchMemberQueryHandler(reader, recent);
    }

    @Bean
    MemberStream memberStream(QueryGateway queryGateway, LiveUpdatesProperties properties) {
        return new MemberStream(queryGateway, properties.heartbeat());
    }

    @Bean
    ConfigurerModule liveUpdatesProcessor(LiveUpdatesProperties properties) {
        String name = MemberUpdatePublisher.PROCESSING_GROUP;
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(name, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerTokenStore(name, c -> new InMemoryTokenStore())
                .registerTransactionManager(name, c -> NoTransactionManager.INSTANCE));
    }
}
