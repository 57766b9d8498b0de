package org.loyalty.api.webhook;

/** What a webhook subscriber can be notified of ({@code X-Loyalty-Event} and the body's {@code type}). */
public enum WebhookEventType {
    /** A campaign gave the member an offer ({@code OfferIssued}). */
    OFFER_ISSUED,
    /** The member moved to another tier ({@code TierChanged}). */
    TIER_CHANGED,
    /** Some of the member's points expire within the configured number of days (found by a periodic scan). */
    POINTS_EXPIRING
}
