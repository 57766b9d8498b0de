package org.loyalty.api.account;

/**
 * Subscribes to one member's live updates (a subscription query). The initial answer is a
 * {@link MemberUpdate} of kind {@code BALANCE} with the member's current balance and tier; every
 * later balance, tier or offer change arrives as another {@link MemberUpdate}.
 */
public record WatchMember(String memberId) {
}
