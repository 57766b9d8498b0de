package org.loyalty.api.referral;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/** A referred member's purchase fired a referral rule: the referrer {@code referrerId} is owed {@code points}. */
public record ReferralRewarded(String memberId, String referrerId, String transactionId, String ruleId, int version, long points,
                               Instant rewardedAt) implements MemberEvent {
}
