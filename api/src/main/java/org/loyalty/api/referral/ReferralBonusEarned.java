package org.loyalty.api.referral;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * The member earned a referral bonus because {@code refereeId}, whom they referred, made a first
 * purchase. The points form bucket {@code bucketId}; {@code debtRepaid} of them first paid off a debt.
 */
public record ReferralBonusEarned(String memberId, String refereeId, String ruleId, int version, long points, String bucketId,
                                  Instant expiresAt, long debtRepaid, long balanceAfter, Instant earnedAt) implements MemberEvent {
}
