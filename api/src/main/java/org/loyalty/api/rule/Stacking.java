package org.loyalty.api.rule;

/**
 * How a firing rule combines with others. {@code STACK}: adds to them. {@code BEST_OF}: only the
 * best-paying of the firing best-of rules counts. {@code STOP_AFTER}: no lower-priority rule runs.
 */
public enum Stacking {
    STACK,
    BEST_OF,
    STOP_AFTER
}
