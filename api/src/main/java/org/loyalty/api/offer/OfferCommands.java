package org.loyalty.api.offer;

import java.time.Instant;

/** Commands on a member's offers. */
public final class OfferCommands {

    private OfferCommands() {
    }

    /**
     * Give the member the campaign's offer for this period, unless it (or its holdout) was already given,
     * or another offer of the campaign was issued within {@code frequencyCapDays}.
     *
     * @param holdout      the member is in the campaign's holdout group: record that, give nothing
     * @param budgetPoints the campaign's points budget, shared by all its offers (null: none)
     */
    public record IssueOffer(String memberId, String offerId, String campaignId, String campaignName, OfferTerms terms,
                             Instant expiresAt, int frequencyCapDays, boolean holdout, Long budgetPoints) {
    }

    public record ActivateOffer(String memberId, String offerId) {
    }

    public record ViewOffer(String memberId, String offerId) {
    }

    /** A notification of the offer reached the member over {@code channel} (WEBHOOK, STREAM); recorded once per channel. */
    public record RecordOfferDelivery(String memberId, String offerId, String channel) {
    }

    /** What issuing answered: ISSUED, HOLDOUT, or why nothing was done (ALREADY_GIVEN, FREQUENCY_CAP). */
    public record IssueOutcome(String memberId, String offerId, String result) {
    }
}
