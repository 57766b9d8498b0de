package org.loyalty.command.account;

import java.util.List;
import java.util.Optional;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleEngine;

/** The marketers' rules a purchase is judged by: the versions live when it occurred, and their budgets. */
public record EarningRules(List<CompiledRule> live, RuleEngine engine, RuleBudgets budgets) {

    public EarningRules {
        live = List.copyOf(live);
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
