package org.loyalty.api.rule;

/** Changes a rule's draft; the published version stays as it is until the next publication. */
public record ReviseRule(String ruleId, RuleDefinition definition) {
}
