package org.loyalty.rules.earning;

import java.util.List;
import org.loyalty.api.purchase.AppliedRule;

/**
 * The points a purchase earns, rule by rule why, and how they split over the purchase's items
 * ({@code itemPoints}, in item order, summing to {@code points}), which is what a return takes back.
 */
public record Earning(long points, List<AppliedRule> applied, List<Long> itemPoints) {

    public Earning {
        if (points < 0) {
            throw new IllegalArgumentException("an earning is never negative: " + points);
        }
        applied = List.copyOf(applied);
        itemPoints = List.copyOf(itemPoints);
        if (itemPoints.stream().mapToLong(Long::longValue).sum() != points) {
            throw new IllegalArgumentException("item points " + itemPoints + " do not add up to " + points);
        }
    }
}
