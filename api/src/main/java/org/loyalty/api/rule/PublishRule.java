package org.loyalty.api.rule;

/** Freezes the draft into a new immutable version and makes it live (also resumes a paused rule). */
public record PublishRule(String ruleId) {
}
