package org.loyalty.rules.rule;

/**
 * What a member already got from a rule in the calendar period that contains the purchase: points, and
 * how many times it fired (a rule that issues a reward is capped in rewards, not points).
 */
public interface CapUsage {

    enum Period {
        DAY,
        WEEK,
        MONTH,
        LIFETIME
    }

    long used(String ruleId, Period period);

    /** Times the rule fired for the member in the period; 0 where this is not tracked. */
    default long firings(String ruleId, Period period) {
        return 0;
    }

    CapUsage NONE = (ruleId, period) -> 0;
}
