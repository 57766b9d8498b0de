package org.loyalty.api.rule;

import java.time.Instant;

/** A marketer created a rule; {@code definition} is its draft. */
public record RuleDrafted(String ruleId, RuleDefinition definition, Instant draftedAt) {
}
