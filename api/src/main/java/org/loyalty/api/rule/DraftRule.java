package org.loyalty.api.rule;

/** Creates a rule as a draft. Nothing earns from it until it is published. */
public record DraftRule(String ruleId, RuleDefinition definition) {
}
