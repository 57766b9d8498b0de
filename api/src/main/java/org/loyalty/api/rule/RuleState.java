package org.loyalty.api.rule;

/** The answer to a rule command: where the rule is now, and its live (or last published) version, 0 if none. */
public record RuleState(String ruleId, RuleStatus status, int version) {
}
