package org.loyalty.api.referral;

/** Gives the referrer the bonus its referee's purchase earned it; idempotent per referee. */
public record CreditReferralBonus(String memberId, String refereeId, String ruleId, int version, long points) {
}
