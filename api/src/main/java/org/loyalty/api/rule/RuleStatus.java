package org.loyalty.api.rule;

/** Where a rule is in its life: drafted, live (published), paused, or retired for good. */
public enum RuleStatus {
    DRAFT,
    PUBLISHED,
    PAUSED,
    RETIRED
}
