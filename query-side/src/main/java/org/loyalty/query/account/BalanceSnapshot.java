package org.loyalty.query.account;

import java.time.Instant;
import org.loyalty.api.account.MemberBalance;

/**
 * A member's balance as the read model gave it at {@code computedAt}, and until when it stays so while the rows
 * it came from do not change.
 *
 * @param validUntil the first moment at which time alone changes the answer (a pending bucket becomes spendable,
 *                   points expire or come within the expiry horizon, qualifying points leave the rolling window);
 *                   null when nothing ever will
 */
record BalanceSnapshot(MemberBalance balance, Instant computedAt, Instant validUntil) {

    /** Whether {@link #at} gives the answer a fresh read would give at {@code now}, the rows being the same. */
    boolean holdsAt(Instant now) {
        // A clock set back (tests move it) must not see an answer computed later.
        return !now.isBefore(computedAt) && (validUntil == null || now.isBefore(validUntil));
    }

    /** The balance as of {@code now}: the same figures, stamped with the time they are answered for. */
    MemberBalance at(Instant now) {
        MemberBalance b = balance;
        return new MemberBalance(b.memberId(), b.balance(), b.available(), b.pending(), b.lifetimeEarned(), b.expiringSoon(),
                b.pointsExpireAt(), b.tier(), b.updatedAt(), now);
    }
}
