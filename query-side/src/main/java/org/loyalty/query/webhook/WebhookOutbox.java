package org.loyalty.query.webhook;

import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.tier.TierChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events that subscribers are told about into outbox rows. It only inserts, in the event
 * processor's transaction (with the processor's token, so an event is enqueued exactly once per
 * subscriber); it never calls a subscriber: the dispatcher sends the rows later, outside any
 * processor transaction, so a slow or dead subscriber can neither hold a database transaction open
 * nor stall the processor.
 *
 * <p><b>Replays never notify.</b> A notification is about something happening now; replaying the
 * history must not tell subscribers again (nor tell a new subscriber about the past). Every event
 * handler is therefore {@link DisallowReplay}: while the processor replays after a reset, Axon skips
 * them. The delivery id, derived from subscription and event id, guards the other way an event comes
 * twice (redelivery of a batch whose token was not stored): the second insert does nothing.
 * The processor starts at the head of the event store (see the webhook configuration), so the first
 * start on an existing event store does not walk the history either.
 */
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
public class WebhookOutbox {

    public static final String PROCESSING_GROUP = "webhook-outbox";

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private final WebhookDeliveryTable deliveries;
    private final Clock clock;

    public WebhookOutbox(WebhookDeliveryTable deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(OfferIssued event, @MessageIdentifier String eventId) {
        deliveries.enqueue(WebhookNotification.offerIssued(eventId, event), clock.instant());
    }

    @EventHandler
    @DisallowReplay
    void on(TierChanged event, @MessageIdentifier String eventId) {
        deliveries.enqueue(WebhookNotification.tierChanged(eventId, event), clock.instant());
    }

    /**
     * Nothing to clear: the outbox is a record of what was sent, not a projection. Being here (and not
     * {@code @DisallowReplay}) keeps the processor resettable, which Axon refuses for a processor whose
     * handlers all disallow replay; the reset then skips every event up to the reset point.
     */
    @ResetHandler
    void reset() {
        log.info("The {} processor was reset: the replayed events are skipped, no notification is sent again", PROCESSING_GROUP);
    }
}
