package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.command.rule.RuleBudgets;
import org.loyalty.rules.rule.BuiltInRules;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.RuleEngine;

class EarningRulesTest {

    static final RuleConditions CONDITIONS = new RuleConditions();

    static CompiledRule live(RuleDefinition definition) {
        return new CompiledRule("rule-1", 1, definition, CONDITIONS.compile("condition", definition.condition()),
                Instant.parse("2025-01-01T00:00:00Z"), null);
    }

    static EarningRules of(RuleDefinition... definitions) {
        return new EarningRules(java.util.Arrays.stream(definitions).map(EarningRulesTest::live).toList(), new RuleEngine(),
                RuleBudgets.UNLIMITED);
    }

    @Test
    void theRecentPurchasesAreListedOnlyForRulesThatReadThem() {
        RuleDefinition coffee = BuiltInRules.categoryMultiplier("Coffee x2", "coffee", BigDecimal.valueOf(2));
        RuleDefinition streak = BuiltInRules.streakChallenge("Three in a week", 3, Duration.ofDays(7), 50);

        assertThat(of(coffee).needRecentPurchases()).isFalse();
        assertThat(of(BuiltInRules.spendThresholdBonus("Big baskets", 1000, 20)).needRecentPurchases()).isFalse();
        assertThat(of(streak).needRecentPurchases()).isTrue();
        assertThat(of(coffee, streak).needRecentPurchases()).isTrue();
        assertThat(new EarningRules(List.of(), new RuleEngine(), RuleBudgets.UNLIMITED).needRecentPurchases()).isFalse();
    }
}
