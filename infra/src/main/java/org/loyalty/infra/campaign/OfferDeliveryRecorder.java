package org.loyalty.infra.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.loyalty.api.offer.OfferCommands.RecordOfferDelivery;
import org.loyalty.infra.webhook.WebhookDeliveredHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OFFER_ISSUED webhook that a subscriber accepted means the offer reached the member: recorded on the
 * member's account as {@code OfferDelivered} (channel WEBHOOK). The account records a channel once, so a
 * delivery reported twice (the dispatcher delivers at least once) counts once.
 */
class OfferDeliveryRecorder implements WebhookDeliveredHook {

    private static final Logger log = LoggerFactory.getLogger(OfferDeliveryRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandGateway commands;

    OfferDeliveryRecorder(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void delivered(Delivered delivered) {
        if (!"OFFER_ISSUED".equals(delivered.eventType())) {
            return;
        }
        try {
            JsonNode offerId = JSON.readTree(delivered.payload()).path("data").path("offerId");
            if (offerId.isTextual()) {
                commands.send(new RecordOfferDelivery(delivered.memberId(), offerId.asText(), "WEBHOOK"))
                        .exceptionally(failure -> {
                            log.warn("Could not record the delivery of offer {} to member {}", offerId.asText(), delivered.memberId(), failure);
                            return null;
                        });
            }
        } catch (java.io.IOException e) {
            log.warn("Delivered OFFER_ISSUED webhook {} has no readable offer id", delivered.deliveryId(), e);
        }
    }
}
