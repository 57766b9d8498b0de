package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * A campaign gave the member a personal offer, valid until {@code expiresAt}. {@code offerId} is the
 * campaign and the period it was issued for, so evaluating the campaign again never issues a second one.
 * {@code budgetPoints} is the campaign's budget its payouts draw on (null: none).
 */
public record OfferIssued(
        String memberId,
        String offerId,
        String campaignId,
        String campaignName,
        OfferTerms terms,
        Instant issuedAt,
        Instant expiresAt,
        Long budgetPoints) implements MemberEvent {
}
