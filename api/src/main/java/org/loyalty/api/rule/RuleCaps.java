package org.loyalty.api.rule;

/** The most points one member may get from a rule per calendar day, week, month and in all (null: no cap). */
public record RuleCaps(Long perDay, Long perWeek, Long perMonth, Long lifetime) {

    public static final RuleCaps NONE = new RuleCaps(null, null, null, null);
}
