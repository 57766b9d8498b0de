package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** The member activated the offer in the app; from now on it applies (a multiplier runs from this instant). */
public record OfferActivated(String memberId, String offerId, Instant activatedAt) implements MemberEvent {
}
