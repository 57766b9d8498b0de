package org.loyalty.rules.rule;

/** Points a member already got from a rule in the calendar period that contains the purchase. */
public interface CapUsage {

    enum Period {
        DAY,
        WEEK,
        MONTH,
        LIFETIME
    }

    long used(String ruleId, Period period);

    CapUsage NONE = (ruleId, period) -> 0;
}
