package org.loyalty.infra.webhook;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.loyalty.query.webhook.ExpiringPointsScan;
import org.loyalty.query.webhook.WebhookDeliveryTable;
import org.loyalty.query.webhook.WebhookOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** Outbound webhooks: the subscribers, the outbox processor, the points-expiring scan, the dispatcher's parts. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    WebhookDeliveryTable webhookDeliveryTable(JdbcTemplate jdbc) {
        return new WebhookDeliveryTable(jdbc);
    }

    @Bean
    WebhookOutbox webhookOutbox(WebhookDeliveryTable deliveries, Clock clock) {
        return new WebhookOutbox(deliveries, clock);
    }

    /**
     * The outbox processor starts at the head of the event store: deployed on an existing store, it
     * notifies what happens from then on, never the history (a reset is skipped anyway, see
     * {@link WebhookOutbox}). A failing insert fails the batch, which the processor retries, instead of
     * being logged and skipped: a notification is never dropped silently.
     */
    @Bean
    ConfigurerModule webhookOutboxProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(WebhookOutbox.PROCESSING_GROUP,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(WebhookOutbox.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    @Bean
    ExpiringPointsScan expiringPointsScan(JdbcTemplate jdbc, WebhookDeliveryTable deliveries) {
        return new ExpiringPointsScan(jdbc, deliveries);
    }

    @Bean
    WebhookSubscriptions webhookSubscriptions(DatabaseClient db) {
        return new WebhookSubscriptions(db);
    }

    @Bean
    RetrySchedule webhookRetrySchedule(WebhookProperties properties) {
        return new RetrySchedule(properties.retry());
    }

}
