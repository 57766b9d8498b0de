package org.loyalty.infra.interaction;

import java.time.Clock;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.interaction.InteractionCommandHandler;
import org.loyalty.command.interaction.JdbcInteractionClaims;
import org.loyalty.command.interaction.MemberInteractions;
import org.loyalty.infra.program.ProgramProperties;
import org.loyalty.query.interaction.MemberTimelineProjection;
import org.loyalty.query.interaction.ServiceInteractionProjection;
import org.loyalty.query.interaction.TimelineReader;
import org.loyalty.rules.interaction.InteractionValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** Member interactions: their aggregate and command handler, the timeline and service projections, the timeline reader. */
@Configuration(proxyBeanMethods = false)
public class InteractionConfiguration {

    @Bean
    EventSourcingRepository<MemberInteractions> memberInteractionsRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(MemberInteractions.class).eventStore(eventStore).build();
    }

    @Bean
    InteractionCommandHandler interactionCommandHandler(EventSourcingRepository<MemberInteractions> interactions, Accounts accounts,
                                                        JdbcTemplate jdbc, ProgramProperties properties, Clock clock) {
        return new InteractionCommandHandler(interactions, accounts::exists, new JdbcInteractionClaims(jdbc),
                new InteractionValidator(clock, properties.clockSkewTolerance()), clock);
    }

    @Bean
    MemberTimelineProjection memberTimelineProjection(JdbcTemplate jdbc) {
        return new MemberTimelineProjection(jdbc);
    }

    @Bean
    ServiceInteractionProjection serviceInteractionProjection(JdbcTemplate jdbc) {
        return new ServiceInteractionProjection(jdbc);
    }

    @Bean
    TimelineReader timelineReader(DatabaseClient db) {
        return new TimelineReader(db);
    }
}
