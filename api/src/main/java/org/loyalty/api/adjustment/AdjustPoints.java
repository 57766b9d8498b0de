package org.loyalty.api.adjustment;

/** A staff member adds or removes points with a reason. Idempotent on {@code adjustmentId}. */
public record AdjustPoints(String memberId, String adjustmentId, String staffId, long points, String reason) {
}
