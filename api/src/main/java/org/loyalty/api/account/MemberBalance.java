package org.loyalty.api.account;

import java.time.Instant;
import java.util.List;

/**
 * A member's points as the read model sees them at {@code asOf}.
 *
 * @param balance        every point held minus any debt (negative after a return of spent points)
 * @param available      spendable now: past the pending period, not expired, minus debt
 * @param pending        earned but not yet spendable
 * @param lifetimeEarned every point ever earned by purchases
 * @param expiringSoon   points expiring in the next 30 days, by date
 * @param pointsExpireAt when every point expires for inactivity unless the member buys again (null: not at risk)
 */
public record MemberBalance(
        String memberId,
        long balance,
        long available,
        long pending,
        long lifetimeEarned,
        List<Expiring> expiringSoon,
        Instant pointsExpireAt,
        TierProgress tier,
        Instant updatedAt,
        Instant asOf) {

    public MemberBalance {
        expiringSoon = List.copyOf(expiringSoon);
    }

    /** Points that expire at {@code expiresAt}. */
    public record Expiring(Instant expiresAt, long points) {
    }

    /**
     * @param current              the member's tier
     * @param qualifyingPoints     points earned in the rolling qualification window
     * @param nextTier             the tier above (null at the top)
     * @param pointsToNextTier     how many more qualifying points reach it (0 at the top)
     * @param requalificationDate  when the current status is checked again (null for the entry tier)
     * @param pointsToKeepTier     qualifying points still missing to keep the current tier at that date
     */
    public record TierProgress(
            String current,
            long qualifyingPoints,
            String nextTier,
            long pointsToNextTier,
            Instant requalificationDate,
            long pointsToKeepTier) {
    }
}
