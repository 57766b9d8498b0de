package org.loyalty.api.offer;

import java.time.Instant;

/** One of the member's offers: ISSUED, ACTIVATED, REDEEMED or EXPIRED. */
public record MemberOfferView(String offerId, String campaignId, String campaignName, OfferTerms terms, String status,
                              Instant issuedAt, Instant expiresAt, Instant viewedAt, Instant activatedAt, long redeemedPoints) {
}
