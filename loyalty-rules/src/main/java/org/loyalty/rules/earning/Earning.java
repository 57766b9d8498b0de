package org.loyalty.rules.earning;

import java.util.List;
import org.loyalty.api.purchase.AppliedRule;

/** The points a purchase earns and, rule by rule, why. */
public record Earning(long points, List<AppliedRule> applied) {

    public Earning {
        if (points < 0) {
            throw new IllegalArgumentException("an earning is never negative: " + points);
        }
        applied = List.copyOf(applied);
    }
}
