package org.loyalty.api.offer;

import java.time.Instant;
import org.loyalty.api.member.MemberEvent;

/**
 * The member qualified for a campaign but is in its holdout group for this period: no offer, and the
 * member counts as the control against which the campaign's uplift is measured.
 */
public record HoldoutAssigned(String memberId, String offerId, String campaignId, Instant assignedAt) implements MemberEvent {
}
