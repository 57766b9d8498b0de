package org.loyalty.api.rule;

/** Stops a live rule from earning until it is published again. */
public record PauseRule(String ruleId) {
}
