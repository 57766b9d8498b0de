package org.loyalty.api.rule;

import java.time.Instant;

/** The rule ended for good at {@code retiredAt}. */
public record RuleRetired(String ruleId, Instant retiredAt) {
}
