package org.loyalty.command.account;

import java.util.List;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleEngine;

/** The marketers' rules a purchase is judged by: the versions live when it occurred, and their budgets. */
public record EarningRules(List<CompiledRule> live, RuleEngine engine, RuleBudgets budgets) {

    public EarningRules {
        live = List.copyOf(live);
    }

    public static EarningRules none() {
        return new EarningRules(List.of(), new RuleEngine(), RuleBudgets.UNLIMITED);
    }
}
