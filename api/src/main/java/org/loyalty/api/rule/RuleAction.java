package org.loyalty.api.rule;

import java.math.BigDecimal;

/**
 * What a rule gives when its condition holds.
 *
 * <ul>
 *   <li>{@code MULTIPLIER}: extra points = floor(points earned x (multiplier - 1)), on the whole purchase or,
 *       with {@code category}, on that category's items (2 doubles the points).</li>
 *   <li>{@code FIXED_BONUS}: {@code points} once per purchase.</li>
 *   <li>{@code PER_ITEM_BONUS}: {@code points} per unit of {@code sku} or of {@code category}.</li>
 *   <li>{@code ISSUE_REWARD}: the catalog reward {@code rewardId}, free.</li>
 * </ul>
 * With {@code rewardReferrer}, the member who referred the buyer gets the same points.
 */
public record RuleAction(ActionType type, BigDecimal multiplier, long points, String sku, String category, String rewardId,
                         boolean rewardReferrer) {

    public enum ActionType {
        MULTIPLIER,
        FIXED_BONUS,
        PER_ITEM_BONUS,
        ISSUE_REWARD
    }

    public static RuleAction multiplier(BigDecimal multiplier, String category) {
        return new RuleAction(ActionType.MULTIPLIER, multiplier, 0, null, category, null, false);
    }

    public static RuleAction fixedBonus(long points) {
        return new RuleAction(ActionType.FIXED_BONUS, null, points, null, null, null, false);
    }

    public static RuleAction perItemBonus(long points, String sku, String category) {
        return new RuleAction(ActionType.PER_ITEM_BONUS, null, points, sku, category, null, false);
    }

    public static RuleAction issueReward(String rewardId) {
        return new RuleAction(ActionType.ISSUE_REWARD, null, 0, null, null, rewardId, false);
    }

    /** A fixed bonus for a referred member's first purchase that the member who referred them gets too. */
    public static RuleAction referralBonus(long points) {
        return new RuleAction(ActionType.FIXED_BONUS, null, points, null, null, null, true);
    }
}
