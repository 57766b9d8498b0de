package org.loyalty.query.account;

import java.time.Instant;

/**
 * What a batch's events do to one {@code member_account} row, folded in event order into one UPDATE: the balance,
 * the last update time, the tier, its validity and the points' expiry date take the LAST value set (each event
 * states the new value); lifetime points and debt are deltas and add up. A column no event touched keeps its value
 * (each "set" flag says whether one did: null is a legitimate new value, e.g. points that no longer expire).
 */
final class AccountUpdate {

    final String memberId;
    boolean balanceSet;
    long balance;
    long lifetimeEarned;
    long debt;
    boolean updatedAtSet;
    Instant updatedAt;
    boolean tierSet;
    String tier;
    boolean tierValidUntilSet;
    Instant tierValidUntil;
    boolean pointsExpireAtSet;
    Instant pointsExpireAt;

    AccountUpdate(String memberId) {
        this.memberId = memberId;
    }

    AccountUpdate balance(long balanceAfter) {
        balanceSet = true;
        balance = balanceAfter;
        return this;
    }

    AccountUpdate earned(long points) {
        lifetimeEarned += points;
        return this;
    }

    /** Positive: debt incurred; negative: debt repaid. */
    AccountUpdate debt(long delta) {
        debt += delta;
        return this;
    }

    AccountUpdate updatedAt(Instant at) {
        updatedAtSet = true;
        updatedAt = at;
        return this;
    }

    AccountUpdate tier(String code) {
        tierSet = true;
        tier = code;
        return this;
    }

    AccountUpdate tierValidUntil(Instant until) {
        tierValidUntilSet = true;
        tierValidUntil = until;
        return this;
    }

    AccountUpdate pointsExpireAt(Instant at) {
        pointsExpireAtSet = true;
        pointsExpireAt = at;
        return this;
    }
}
