package org.loyalty.api.redemption;

/** The POS undoes a redemption; its points return to their original buckets. Cancelling twice changes nothing. */
public record CancelRedemption(String memberId, String redemptionId, String reason) {
}
