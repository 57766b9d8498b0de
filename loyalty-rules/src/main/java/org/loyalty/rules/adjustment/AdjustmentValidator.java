package org.loyalty.rules.adjustment;

import java.util.List;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.validation.Violations;

/** The shape of a staff adjustment, and the per-adjustment limit. */
public final class AdjustmentValidator {

    private final long maxPointsPerAdjustment;

    public AdjustmentValidator(long maxPointsPerAdjustment) {
        this.maxPointsPerAdjustment = maxPointsPerAdjustment;
    }

    public List<Violation> violations(AdjustPoints request) {
        Violations v = new Violations();
        v.requireId("memberId", request.memberId());
        v.requireId("adjustmentId", request.adjustmentId());
        v.requireId("staffId", request.staffId());
        if (request.points() == 0) {
            v.add("points", "must not be 0");
        }
        v.requireText("reason", request.reason(), 500);
        return v.list();
    }

    /** Larger than one adjustment may be: a rule of the program, not a malformed request. */
    public boolean exceedsLimit(AdjustPoints request) {
        // Not Math.abs: it stays negative for Long.MIN_VALUE.
        return request.points() > maxPointsPerAdjustment || request.points() < -maxPointsPerAdjustment;
    }

    public long maxPointsPerAdjustment() {
        return maxPointsPerAdjustment;
    }
}
