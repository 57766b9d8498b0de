package org.loyalty.rules.rule;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.facts.Item;

/**
 * Runs the live rules on one purchase: highest priority first (ties by rule id, so the result never
 * depends on load order), targets, condition, action, per-member caps, then stacking. The outcome
 * of every rule is reported, fired or not, with the reason.
 */
public final class RuleEngine {

    private static final Comparator<CompiledRule> ORDER = Comparator
            .comparingInt((CompiledRule r) -> r.definition().priority()).reversed()
            .thenComparing(CompiledRule::ruleId)
            .thenComparingInt(CompiledRule::version);

    /** The outcome of every rule, in the order they ran; the points of the fired ones are what the purchase gets extra. */
    public List<RuleOutcome> evaluate(List<CompiledRule> rules, RuleContext context) {
        List<CompiledRule> ordered = rules.stream().sorted(ORDER).toList();
        List<RuleOutcome> outcomes = new ArrayList<>(ordered.size());
        String stoppedBy = null;
        // Built once per purchase, not once per rule: this is the hot path of every earning.
        Timestamp now = context.now();
        for (CompiledRule rule : ordered) {
            if (stoppedBy != null) {
                outcomes.add(RuleOutcome.skipped(rule, "not run: rule " + stoppedBy + " stops lower-priority rules"));
                continue;
            }
            RuleOutcome outcome = run(rule, context, now);
            outcomes.add(outcome);
            if (outcome.fired() && rule.definition().stacking() == Stacking.STOP_AFTER) {
                stoppedBy = rule.ruleId();
            }
        }
        return keepBestOf(ordered, outcomes);
    }

    public static long totalPoints(List<RuleOutcome> outcomes) {
        return outcomes.stream().filter(RuleOutcome::fired).mapToLong(RuleOutcome::points).sum();
    }

    private RuleOutcome run(CompiledRule rule, RuleContext context, Timestamp now) {
        RuleDefinition definition = rule.definition();
        if (!rule.appliesAt(context.occurredAt())) {
            return RuleOutcome.skipped(rule, "not in effect at " + context.occurredAt());
        }
        if (!definition.targetTiers().isEmpty() && !definition.targetTiers().contains(context.member().getTier())) {
            return RuleOutcome.skipped(rule, "for tiers " + definition.targetTiers() + ", member is " + context.member().getTier());
        }
        if (!definition.targetSegments().isEmpty() && definition.targetSegments().stream().noneMatch(context.segments()::contains)) {
            return RuleOutcome.skipped(rule, "for segments " + definition.targetSegments());
        }
        if (!rule.condition().holds(context.purchase(), context.member(), now)) {
            return RuleOutcome.skipped(rule, "condition is false: " + rule.condition().source());
        }
        if (definition.action().type() == RuleAction.ActionType.ISSUE_REWARD) {
            String full = rewardCapReached(rule, context.caps());
            if (full != null) {
                // Like a points rule capped at 0: it applies (and a STOP_AFTER still stops), but gives nothing.
                return new RuleOutcome(rule.ruleId(), rule.version(), definition.name(), true, 0, null,
                        describe(definition.action(), 0) + ", " + full);
            }
        }
        long points = points(definition.action(), context);
        long allowed = Math.min(points, remainingUnderCaps(rule, context.caps()));
        String why = describe(definition.action(), points) + (allowed < points ? ", capped at " + allowed : "");
        String reward = definition.action().type() == RuleAction.ActionType.ISSUE_REWARD ? definition.action().rewardId() : null;
        return new RuleOutcome(rule.ruleId(), rule.version(), definition.name(), true, allowed, reward, why);
    }

    static long points(RuleAction action, RuleContext context) {
        return switch (action.type()) {
            case MULTIPLIER -> BigDecimal.valueOf(eligiblePoints(action.category(), context))
                    .multiply(action.multiplier().subtract(BigDecimal.ONE))
                    .setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO).longValueExact();
            case FIXED_BONUS -> action.points();
            case PER_ITEM_BONUS -> action.points() * context.purchase().getItemsList().stream()
                    .filter(i -> matches(i, action.sku(), action.category()))
                    .mapToLong(Item::getQuantity).sum();
            case ISSUE_REWARD -> 0;
        };
    }

    /** The purchase's points, or only those its items of {@code category} earned. */
    private static long eligiblePoints(String category, RuleContext context) {
        if (category == null) {
            return context.basePoints();
        }
        List<Item> items = context.purchase().getItemsList();
        return IntStream.range(0, Math.min(items.size(), context.itemPoints().size()))
                .filter(i -> category.equals(items.get(i).getCategory()))
                .mapToLong(i -> context.itemPoints().get(i))
                .sum();
    }

    private static boolean matches(Item item, String sku, String category) {
        return (sku == null || sku.equals(item.getSku())) && (category == null || category.equals(item.getCategory()));
    }

    private static long remainingUnderCaps(CompiledRule rule, CapUsage usage) {
        RuleCaps caps = rule.definition().caps();
        long remaining = Long.MAX_VALUE;
        remaining = Math.min(remaining, left(caps.perDay(), usage.used(rule.ruleId(), CapUsage.Period.DAY)));
        remaining = Math.min(remaining, left(caps.perWeek(), usage.used(rule.ruleId(), CapUsage.Period.WEEK)));
        remaining = Math.min(remaining, left(caps.perMonth(), usage.used(rule.ruleId(), CapUsage.Period.MONTH)));
        remaining = Math.min(remaining, left(caps.lifetime(), usage.used(rule.ruleId(), CapUsage.Period.LIFETIME)));
        return remaining;
    }

    /** For a rule that issues a reward, its caps count rewards: the first period whose cap is reached, or null. */
    private static String rewardCapReached(CompiledRule rule, CapUsage usage) {
        RuleCaps caps = rule.definition().caps();
        Long[] limits = {caps.perDay(), caps.perWeek(), caps.perMonth(), caps.lifetime()};
        CapUsage.Period[] periods = CapUsage.Period.values();
        for (int i = 0; i < periods.length; i++) {
            long issued = usage.firings(rule.ruleId(), periods[i]);
            if (limits[i] != null && issued >= limits[i]) {
                return "cap reached: " + issued + " reward(s) issued " + (periods[i] == CapUsage.Period.LIFETIME ? "in all"
                        : "this " + periods[i].name().toLowerCase(java.util.Locale.ROOT)) + ", cap " + limits[i];
            }
        }
        return null;
    }

    private static long left(Long cap, long used) {
        return cap == null ? Long.MAX_VALUE : Math.max(0, cap - used);
    }

    private static String describe(RuleAction action, long points) {
        return switch (action.type()) {
            case MULTIPLIER -> "x" + action.multiplier().stripTrailingZeros().toPlainString()
                    + (action.category() == null ? "" : " on " + action.category()) + ": +" + points;
            case FIXED_BONUS -> "bonus +" + points;
            case PER_ITEM_BONUS -> action.points() + " per item" + (action.sku() == null ? "" : " " + action.sku())
                    + (action.category() == null ? "" : " in " + action.category()) + ": +" + points;
            case ISSUE_REWARD -> "issues reward " + action.rewardId();
        };
    }

    /** Of the best-of rules that fired, only the one giving most points keeps them (ties: the earlier). */
    private static List<RuleOutcome> keepBestOf(List<CompiledRule> ordered, List<RuleOutcome> outcomes) {
        RuleOutcome best = null;
        for (int i = 0; i < outcomes.size(); i++) {
            RuleOutcome o = outcomes.get(i);
            if (o.fired() && ordered.get(i).definition().stacking() == Stacking.BEST_OF && (best == null || o.points() > best.points())) {
                best = o;
            }
        }
        if (best == null) {
            return outcomes;
        }
        List<RuleOutcome> result = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            RuleOutcome o = outcomes.get(i);
            boolean loser = o.fired() && ordered.get(i).definition().stacking() == Stacking.BEST_OF && o != best;
            result.add(loser ? new RuleOutcome(o.ruleId(), o.version(), o.name(), false, 0, null,
                    "best-of: rule " + best.ruleId() + " gives more") : o);
        }
        return result;
    }
}
