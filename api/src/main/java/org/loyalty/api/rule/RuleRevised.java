package org.loyalty.api.rule;

import java.time.Instant;

/** The rule's draft changed. */
public record RuleRevised(String ruleId, RuleDefinition definition, Instant revisedAt) {
}
