package org.loyalty.query.rule;

import java.time.Instant;
import org.loyalty.api.rule.RuleDefinition;

/** One published version and when it was live ({@code liveUntil} null: still live). */
public record RuleVersionView(String ruleId, int version, RuleDefinition definition, Instant liveFrom, Instant liveUntil) {
}
