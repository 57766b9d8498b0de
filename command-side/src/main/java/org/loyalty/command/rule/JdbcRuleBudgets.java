package org.loyalty.command.rule;

import org.springframework.jdbc.core.JdbcTemplate;

/** {@link RuleBudgets} as one row per rule; the row lock orders concurrent purchases that use the same rule. */
public final class JdbcRuleBudgets implements RuleBudgets {

    private final JdbcTemplate jdbc;

    public JdbcRuleBudgets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long consume(String ruleId, long points, long budget) {
        jdbc.update("INSERT INTO rule_budget_used (rule_id, points) VALUES (?, 0) ON CONFLICT DO NOTHING", ruleId);
        long used = jdbc.queryForObject("SELECT points FROM rule_budget_used WHERE rule_id = ? FOR UPDATE", Long.class, ruleId);
        long granted = Math.max(0, Math.min(points, budget - used));
        if (granted > 0) {
            jdbc.update("UPDATE rule_budget_used SET points = points + ? WHERE rule_id = ?", granted, ruleId);
        }
        return granted;
    }
}
