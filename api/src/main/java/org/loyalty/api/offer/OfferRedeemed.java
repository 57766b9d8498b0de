package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * The offer paid out: {@code points} extra on purchase {@code transactionId} (null for a free reward,
 * redeemed on activation). A multiplier offer is redeemed once per purchase in its window.
 */
public record OfferRedeemed(String memberId, String offerId, String campaignId, String transactionId, long points,
                            Instant redeemedAt) implements MemberEvent {
}
