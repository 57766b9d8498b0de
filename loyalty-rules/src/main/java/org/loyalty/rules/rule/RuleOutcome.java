package org.loyalty.rules.rule;

/**
 * What one rule did for one purchase, and why: the explanation a marketer sees in a simulation and
 * an auditor finds in the earning event.
 *
 * @param points   the points it gives (0 when it did not fire or a cap, budget or stacking took them)
 * @param rewardId a reward it issues, or null
 */
public record RuleOutcome(String ruleId, int version, String name, boolean fired, long points, String rewardId, String explanation) {

    static RuleOutcome skipped(CompiledRule rule, String why) {
        return new RuleOutcome(rule.ruleId(), rule.version(), rule.definition().name(), false, 0, null, why);
    }
}
