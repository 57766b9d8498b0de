package org.loyalty.infra.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * Called after a delivery was recorded DELIVERED (on the dispatcher's thread, outside any transaction).
 *
 * <p><b>HOOK(OfferDelivered)</b>: an {@code OFFER_ISSUED} delivery that a subscriber accepted means the
 * offer reached the member's channel. Nothing is sent to the member aggregate yet: the outcome is in
 * {@code webhook_delivery} (status DELIVERED, delivered_at) and comes through here. To count the offer
 * as delivered, declare a bean of this type that sends the command recording {@code OfferDelivered}
 * (channel {@code WEBHOOK}; the offer id is {@code data.offerId} of the payload) when
 * {@code eventType} is {@code OFFER_ISSUED}. The dispatcher may deliver twice (a node dies between
 * sending and recording), so that command must be idempotent per offer.
 */
@FunctionalInterface
public interface WebhookDeliveredHook {

    WebhookDeliveredHook NONE = delivered -> {
    };

    void delivered(Delivered delivered);

    /** A delivery the subscriber accepted; {@code payload} is the JSON body it got. */
    record Delivered(UUID deliveryId, UUID subscriptionId, String eventType, String eventId, String memberId, String payload,
                     Instant deliveredAt) {
    }
}
