package org.loyalty.api.rule;

/** Ends a rule for good: it never earns again and cannot be changed. */
public record RetireRule(String ruleId) {
}
