package org.loyalty.api.points;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * Under an inactivity policy every point expires together; this records the new date after a purchase
 * or a tier change ({@code expiresAt} null: the member's points no longer expire for inactivity).
 */
public record ExpiryDateChanged(String memberId, Instant expiresAt, String reason, Instant changedAt) implements MemberEvent {
}
