package org.loyalty.infra.rule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.BuiltInRules;

/**
 * A rule as the marketer sends it: either written out ({@code condition} in CEL plus {@code action})
 * or from a built-in {@code kind} with its parameters; the common settings apply to both.
 */
record RuleRequest(
        String name,
        String condition,
        Action action,
        Integer priority,
        Stacking stacking,
        Instant effectiveFrom,
        Instant effectiveTo,
        Set<String> targetTiers,
        Set<String> targetSegments,
        RuleCaps caps,
        Long budgetPoints,
        BuiltIn kind) {

    /** The action as sent: the fields its type does not use may be left out. */
    record Action(RuleAction.ActionType type, BigDecimal multiplier, Long points, String sku, String category, String rewardId,
                  Boolean rewardReferrer) {

        RuleAction toAction() {
            return new RuleAction(type, multiplier, points == null ? 0 : points, sku, category, rewardId, Boolean.TRUE.equals(rewardReferrer));
        }
    }

    /**
     * A built-in rule kind: FIRST_PURCHASE_BONUS(points), NTH_VISIT_BONUS(n, points),
     * DOUBLE_POINTS_DAYS(days, zone), CATEGORY_MULTIPLIER(category, multiplier),
     * SPEND_THRESHOLD_BONUS(minimumMinor, points), STREAK_CHALLENGE(count, windowDays, points),
     * REFERRAL_BONUS(points).
     */
    record BuiltIn(String type, Long points, Integer n, Set<DayOfWeek> days, String zone, String category,
                   BigDecimal multiplier, Long minimumMinor, Integer count, Integer windowDays) {
    }

    RuleDefinition toDefinition() {
        RuleDefinition base = kind == null
                ? new RuleDefinition(name, condition, action == null ? null : action.toAction(), 0, Stacking.STACK, null, null,
                        Set.of(), Set.of(), null, null)
                : fromKind();
        return new RuleDefinition(name, base.condition(), base.action(), priority == null ? 0 : priority,
                stacking == null ? Stacking.STACK : stacking, effectiveFrom, effectiveTo, targetTiers, targetSegments,
                caps == null ? base.caps() : caps, budgetPoints);
    }

    private RuleDefinition fromKind() {
        try {
            return switch (kind.type() == null ? "" : kind.type()) {
                case "FIRST_PURCHASE_BONUS" -> BuiltInRules.firstPurchaseBonus(name, required(kind.points(), "points"));
                case "NTH_VISIT_BONUS" -> BuiltInRules.everyNthVisit(name, required(kind.n(), "n"), required(kind.points(), "points"));
                case "DOUBLE_POINTS_DAYS" -> BuiltInRules.doublePointsDays(name, required(kind.days(), "days"),
                        ZoneId.of(kind.zone() == null ? "UTC" : kind.zone()));
                case "CATEGORY_MULTIPLIER" -> BuiltInRules.categoryMultiplier(name, required(kind.category(), "category"),
                        required(kind.multiplier(), "multiplier"));
                case "SPEND_THRESHOLD_BONUS" -> BuiltInRules.spendThresholdBonus(name, required(kind.minimumMinor(), "minimumMinor"),
                        required(kind.points(), "points"));
                case "STREAK_CHALLENGE" -> BuiltInRules.streakChallenge(name, required(kind.count(), "count"),
                        Duration.ofDays(required(kind.windowDays(), "windowDays")), required(kind.points(), "points"));
                case "REFERRAL_BONUS" -> BuiltInRules.referralBonus(name, required(kind.points(), "points"));
                default -> throw invalid("kind.type", "must be one of FIRST_PURCHASE_BONUS, NTH_VISIT_BONUS, DOUBLE_POINTS_DAYS,"
                        + " CATEGORY_MULTIPLIER, SPEND_THRESHOLD_BONUS, STREAK_CHALLENGE, REFERRAL_BONUS");
            };
        } catch (java.time.DateTimeException e) {
            throw invalid("kind.zone", "is not a known time zone");
        } catch (IllegalArgumentException e) {
            throw invalid("kind", e.getMessage());
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid("kind." + field, "is required for this kind");
        }
        return value;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(java.util.List.of(new Violation(field, message)));
    }
}
