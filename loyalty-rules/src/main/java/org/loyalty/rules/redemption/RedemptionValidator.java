package org.loyalty.rules.redemption;

import java.util.List;
import org.loyalty.api.error.Violation;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.rules.validation.Violations;

/** The shape of redemption requests. */
public final class RedemptionValidator {

    public List<Violation> violations(RedeemReward request) {
        Violations v = new Violations();
        v.requireId("memberId", request.memberId());
        v.requireId("rewardId", request.rewardId());
        v.requireId("idempotencyKey", request.idempotencyKey());
        return v.list();
    }

    public List<Violation> violations(CancelRedemption request) {
        Violations v = new Violations();
        v.requireId("memberId", request.memberId());
        v.requireId("redemptionId", request.redemptionId());
        if (request.reason() != null && request.reason().length() > 500) {
            v.add("reason", "must be at most 500 characters");
        }
        return v.list();
    }
}
