package org.loyalty.command.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleEngine;

/**
 * The marketers' rules a purchase is judged by: the versions live when it occurred, their budgets,
 * and the member's segments (looked up only when a live rule targets segments or reads them).
 */
public record EarningRules(List<CompiledRule> live, RuleEngine engine, RuleBudgets budgets, Set<String> segments) {

    public EarningRules {
        live = List.copyOf(live);
        segments = Set.copyOf(segments);
    }

    public EarningRules(List<CompiledRule> live, RuleEngine engine, RuleBudgets budgets) {
        this(live, engine, budgets, Set.of());
    }

    /** Whether any of the rules needs the member's segments: a segment target, or a condition that reads them. */
    public static boolean needSegments(List<CompiledRule> rules) {
        return rules.stream().anyMatch(r -> !r.definition().targetSegments().isEmpty() || r.condition().source().contains("segments"));
    }

    /**
     * Whether any of the rules reads the member's purchases of the last 90 days: a list as long as those purchases,
     * made for every purchase judged, so only when a condition names it (bench/NOTES.md item 46).
     */
    public boolean needRecentPurchases() {
        return live.stream().anyMatch(r -> r.condition().source().contains("recent_purchases"));
    }

    /** The definition of a live version; empty when the purchase was not judged by it. */
    public Optional<RuleDefinition> definition(String ruleId, int version) {
        return live.stream().filter(r -> r.ruleId().equals(ruleId) && r.version() == version)
                .findFirst().map(CompiledRule::definition);
    }

    public static EarningRules none() {
        return new EarningRules(List.of(), new RuleEngine(), RuleBudgets.UNLIMITED);
    }
}
