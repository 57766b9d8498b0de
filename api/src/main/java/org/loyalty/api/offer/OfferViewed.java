package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** The app reported that the member opened the offer. */
public record OfferViewed(String memberId, String offerId, Instant viewedAt) implements MemberEvent {
}
