package org.loyalty.rules.rule;

import java.time.Instant;
import org.loyalty.api.rule.RuleDefinition;

/**
 * One published version of a rule with its condition compiled, and the period in which it was
 * live (published, not paused or retired). A purchase is judged by the versions live at its
 * {@code occurredAt} and inside their own effective window.
 */
public record CompiledRule(String ruleId, int version, RuleDefinition definition, RuleConditions.Condition condition,
                           Instant liveFrom, Instant liveUntil) {

    /** Live and effective at {@code occurredAt}. */
    public boolean appliesAt(Instant occurredAt) {
        Instant from = definition.effectiveFrom() != null && definition.effectiveFrom().isAfter(liveFrom)
                ? definition.effectiveFrom() : liveFrom;
        Instant until = earliest(liveUntil, definition.effectiveTo());
        return !occurredAt.isBefore(from) && (until == null || occurredAt.isBefore(until));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
