package org.loyalty.api.rule;

import java.time.Instant;

/** The live version stopped earning at {@code pausedAt}. */
public record RulePaused(String ruleId, int version, Instant pausedAt) {
}
