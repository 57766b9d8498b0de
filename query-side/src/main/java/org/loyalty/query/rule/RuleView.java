package org.loyalty.query.rule;

import java.time.Instant;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.RuleStatus;

/** A rule as the marketer sees it: its draft, and the live (or last published) version. */
public record RuleView(String ruleId, String name, RuleStatus status, int version, RuleDefinition draft,
                       RuleDefinition published, Instant createdAt, Instant updatedAt) {
}
