package org.loyalty.command.rule;

import java.time.Instant;

/**
 * When each rule version was live, written in the rule command's own transaction so that every
 * node sees a publication the moment it commits.
 */
public interface RuleRegistry {

    /** Version {@code version} is live from {@code at}; any earlier live version ends then. */
    void published(String ruleId, int version, Instant at);

    /** The live version, if any, ends at {@code at} (paused or retired). */
    void ended(String ruleId, Instant at);
}
