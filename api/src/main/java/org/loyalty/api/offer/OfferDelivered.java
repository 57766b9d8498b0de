package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** A notification of the offer reached the member's channel ({@code WEBHOOK} subscriber or the app's live {@code STREAM}). */
public record OfferDelivered(String memberId, String offerId, String channel, Instant deliveredAt) implements MemberEvent {
}
