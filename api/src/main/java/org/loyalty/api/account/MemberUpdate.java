package org.loyalty.api.account;

import java.time.Instant;
import org.loyalty.api.offer.OfferTerms;

/**
 * A change to a member's account as a live stream shows it. Only the fields of its {@code kind} are set:
 * <ul>
 *   <li>{@code BALANCE}: {@code balance} after the movement, {@code points} moved (signed), {@code reason} the
 *       movement as the ledger names it ({@code EARNED}, {@code RETURNED}, {@code REDEEMED}, {@code REDEMPTION_CANCELLED},
 *       {@code ADJUSTED}, {@code EXPIRED}, {@code REFERRAL_BONUS}) and {@code transactionId} for a purchase or return.
 *       The first update of a stream is the current state ({@code reason} {@code CURRENT}, with {@code tier} too);</li>
 *   <li>{@code TIER}: {@code tier}, {@code previousTier}, {@code tierValidUntil} and {@code reason} ({@code QUALIFIED},
 *       {@code NOT_REQUALIFIED}, or {@code RENEWED} when the status was extended);</li>
 *   <li>{@code OFFER}: {@code offer}.</li>
 * </ul>
 *
 * @param sequence the account's event sequence number this update is current as of (null for an event that was not
 *                 stored on the member's account stream)
 * @param eventId  the event behind the update (null for the current state)
 * @param at       when it happened
 */
public record MemberUpdate(
        String memberId,
        Kind kind,
        Long sequence,
        String eventId,
        Long balance,
        Long points,
        String reason,
        String transactionId,
        String tier,
        String previousTier,
        Instant tierValidUntil,
        OfferChange offer,
        Instant at) {

    public enum Kind {
        BALANCE,
        TIER,
        OFFER
    }

    /** What happened to a personal offer; fields the status does not know are null. */
    public record OfferChange(
            String offerId,
            OfferStatus status,
            String campaignId,
            String campaignName,
            OfferTerms terms,
            Instant expiresAt,
            Long points,
            String transactionId) {
    }

    public enum OfferStatus {
        ISSUED,
        ACTIVATED,
        REDEEMED,
        EXPIRED
    }

    public static MemberUpdate current(String memberId, long sequence, long balance, String tier, Instant tierValidUntil, Instant at) {
        return new MemberUpdate(memberId, Kind.BALANCE, sequence, null, balance, null, "CURRENT", null, tier, null,
                tierValidUntil, null, at);
    }

    public static MemberUpdate balance(String memberId, Long sequence, String eventId, long balance, long points, String reason,
                                       String transactionId, Instant at) {
        return new MemberUpdate(memberId, Kind.BALANCE, sequence, eventId, balance, points, reason, transactionId, null, null,
                null, null, at);
    }

    public static MemberUpdate tier(String memberId, Long sequence, String eventId, String tier, String previousTier, String reason,
                                    Instant validUntil, Instant at) {
        return new MemberUpdate(memberId, Kind.TIER, sequence, eventId, null, null, reason, null, tier, previousTier, validUntil,
                null, at);
    }

    public static MemberUpdate offer(String memberId, Long sequence, String eventId, OfferChange offer, Instant at) {
        return new MemberUpdate(memberId, Kind.OFFER, sequence, eventId, null, null, null, null, null, null, null, offer, at);
    }
}
