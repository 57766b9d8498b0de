package org.loyalty.infra.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.campaign.Campaign;
import org.loyalty.command.campaign.CampaignCommandHandler;
import org.loyalty.command.offer.OfferCommandHandler;
import org.loyalty.infra.program.ProgramProperties;
import org.loyalty.query.campaign.CampaignProjection;
import org.loyalty.query.campaign.CampaignReader;
import org.loyalty.query.campaign.CampaignTriggers;
import org.loyalty.rules.campaign.AudienceConditions;
import org.loyalty.rules.campaign.CampaignValidator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** Retention campaigns and the offers they give. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
public class CampaignConfiguration {

    @Bean
    AudienceConditions audienceConditions() {
        return new AudienceConditions();
    }

    @Bean
    EventSourcingRepository<Campaign> campaignRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(Campaign.class).eventStore(eventStore).build();
    }

    @Bean
    CampaignCommandHandler campaignCommandHandler(EventSourcingRepository<Campaign> campaigns, AudienceConditions audiences, Clock clock) {
        return new CampaignCommandHandler(campaigns, new CampaignValidator(audiences), clock);
    }

    @Bean
    OfferCommandHandler offerCommandHandler(Accounts accounts) {
        return new OfferCommandHandler(accounts);
    }

    @Bean
    CampaignProjection campaignProjection(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        return new CampaignProjection(jdbc, json);
    }

    @Bean
    CampaignTriggers campaignTriggers(JdbcTemplate jdbc) {
        return new CampaignTriggers(jdbc);
    }

    /**
     * The triggers processor starts at the head of the event store: deployed on an existing store it notes the members
     * of what happens from then on (the schedule evaluates everyone anyway), never the whole history.
     */
    @Bean
    ConfigurerModule campaignTriggersProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(CampaignTriggers.PROCESSING_GROUP,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }

    /** Offers count as delivered when their OFFER_ISSUED webhook is accepted. */
    @Bean
    org.loyalty.infra.webhook.WebhookDeliveredHook offerDeliveryRecorder(CommandGateway commands) {
        return new OfferDeliveryRecorder(commands);
    }

    @Bean
    CampaignReader campaignReader(DatabaseClient db, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, ProgramProperties program,
                                  Clock clock) {
        return new CampaignReader(db, json, program.zone(), clock);
    }

    @Bean
    CampaignEvaluator campaignEvaluator(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                                        AudienceConditions audiences, ProgramProperties program, CommandGateway commands, Clock clock) {
        return new CampaignEvaluator(jdbc, json, audiences, new AudienceFacts(jdbc, program.zone()), commands, clock);
    }

    @Bean
    CampaignSchedule campaignSchedule(CampaignEvaluator evaluator, JdbcTemplate jdbc, CampaignProperties properties) {
        return new CampaignSchedule(evaluator, jdbc, properties);
    }
}
