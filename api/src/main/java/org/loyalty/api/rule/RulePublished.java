package org.loyalty.api.rule;

import java.time.Instant;

/** Version {@code version} of the rule, frozen as {@code definition}, is live from {@code publishedAt}; it replaces any earlier version. */
public record RulePublished(String ruleId, int version, RuleDefinition definition, Instant publishedAt) {
}
