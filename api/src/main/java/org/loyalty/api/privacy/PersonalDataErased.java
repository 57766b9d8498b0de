package org.loyalty.api.privacy;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * The member's personal data was erased: their key is destroyed, so every {@link PersonalData} field of
 * their events reads as null from now on. Carries no personal data itself. Projections drop the
 * personal columns they hold for the member; points, tiers and statistics stay.
 */
public record PersonalDataErased(String memberId, Instant erasedAt) implements MemberEvent {
}
