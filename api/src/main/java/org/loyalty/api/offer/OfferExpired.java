package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** The offer's validity ended before it was used (or, for a multiplier, its window closed). */
public record OfferExpired(String memberId, String offerId, Instant expiredAt) implements MemberEvent {
}
