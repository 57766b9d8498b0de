package org.loyalty.rules.rule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;

/**
 * The rule kinds marketers use without writing CEL. Each is an ordinary rule: a generated condition
 * plus an action, so it is versioned, capped, budgeted and explained like any other.
 */
public final class BuiltInRules {

    private BuiltInRules() {
    }

    /** A bonus on the member's first purchase ever. */
    public static RuleDefinition firstPurchaseBonus(String name, long points) {
        return rule(name, "member.purchase_count == 0", RuleAction.fixedBonus(points), new RuleCaps(null, null, null, points));
    }

    /** A bonus on every {@code n}th purchase (the 5th, 10th, ...). */
    public static RuleDefinition everyNthVisit(String name, int n, long points) {
        require(n >= 2, "n must be at least 2");
        return rule(name, "(member.purchase_count + 1) % " + n + " == 0", RuleAction.fixedBonus(points), RuleCaps.NONE);
    }

    /** Points times {@code multiplier} on the given days of the week, counted in {@code zone}. */
    public static RuleDefinition multiplierDays(String name, Set<DayOfWeek> days, ZoneId zone, BigDecimal multiplier) {
        require(!days.isEmpty(), "name at least one day");
        // CEL counts days from Sunday = 0; java.time from Monday = 1 to Sunday = 7.
        String celDays = days.stream().map(d -> String.valueOf(d.getValue() % 7)).sorted().collect(Collectors.joining(", "));
        return rule(name, "now.getDayOfWeek(" + literal(zone.getId()) + ") in [" + celDays + "]",
                RuleAction.multiplier(multiplier, null), RuleCaps.NONE);
    }

    /** Double points on the given days of the week. */
    public static RuleDefinition doublePointsDays(String name, Set<DayOfWeek> days, ZoneId zone) {
        return multiplierDays(name, days, zone, BigDecimal.valueOf(2));
    }

    /** The points earned on a category's items, times {@code multiplier}. */
    public static RuleDefinition categoryMultiplier(String name, String category, BigDecimal multiplier) {
        return rule(name, "purchase.items.exists(i, i.category == " + literal(category) + ")",
                RuleAction.multiplier(multiplier, category), RuleCaps.NONE);
    }

    /** A bonus when the purchase totals at least {@code minimumMinor} (in minor units: 2000 is 20.00). */
    public static RuleDefinition spendThresholdBonus(String name, long minimumMinor, long points) {
        return rule(name, "purchase.total_minor >= " + minimumMinor, RuleAction.fixedBonus(points), RuleCaps.NONE);
    }

    /** A bonus for the {@code count}th purchase within {@code window} (3 purchases in 7 days), once a week. */
    public static RuleDefinition streakChallenge(String name, int count, Duration window, long points) {
        require(count >= 2, "a streak needs at least 2 purchases");
        String condition = "member.recent_purchases.filter(t, t > now - duration(" + literal(window.toSeconds() + "s") + ")).size() + 1 == " + count;
        return rule(name, condition, RuleAction.fixedBonus(points), new RuleCaps(null, points, null, null));
    }

    /** A bonus on the first purchase of a member who was referred, and the same bonus for the member who referred them. */
    public static RuleDefinition referralBonus(String name, long points) {
        return rule(name, "member.referred_by != \"\" && member.purchase_count == 0", RuleAction.referralBonus(points),
                new RuleCaps(null, null, null, points));
    }

    private static RuleDefinition rule(String name, String condition, RuleAction action, RuleCaps caps) {
        return new RuleDefinition(name, condition, action, 0, Stacking.STACK, null, null, Set.of(), Set.of(), caps, null);
    }

    /** A CEL string literal: quotes and backslashes escaped, so a category name cannot change the expression. */
    static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
