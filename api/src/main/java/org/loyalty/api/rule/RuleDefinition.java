package org.loyalty.api.rule;

import java.time.Instant;
import java.util.Set;

/**
 * A marketer's earning rule, as drafted and, once published, frozen into a version.
 *
 * @param condition     a CEL expression over {@code purchase}, {@code member} and {@code now}; blank means always
 * @param priority      higher runs first
 * @param effectiveFrom the rule applies to purchases that occurred at or after this (null: from publication)
 * @param effectiveTo   ... and before this (null: open-ended)
 * @param targetTiers   tier codes the rule is for (empty: every tier)
 * @param targetSegments member segments the rule is for (empty: every member)
 * @param budgetPoints  the most points the rule may give in all (null: no budget)
 */
public record RuleDefinition(
        String name,
        String condition,
        RuleAction action,
        int priority,
        Stacking stacking,
        Instant effectiveFrom,
        Instant effectiveTo,
        Set<String> targetTiers,
        Set<String> targetSegments,
        RuleCaps caps,
        Long budgetPoints) {

    public RuleDefinition {
        targetTiers = targetTiers == null ? Set.of() : Set.copyOf(targetTiers);
        targetSegments = targetSegments == null ? Set.of() : Set.copyOf(targetSegments);
        caps = caps == null ? RuleCaps.NONE : caps;
        stacking = stacking == null ? Stacking.STACK : stacking;
    }
}
