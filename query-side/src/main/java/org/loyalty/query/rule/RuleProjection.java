package org.loyalty.query.rule;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.rule.RuleDrafted;
import org.loyalty.api.rule.RulePaused;
import org.loyalty.api.rule.RulePublished;
import org.loyalty.api.rule.RuleRetired;
import org.loyalty.api.rule.RuleRevised;
import org.springframework.jdbc.core.JdbcTemplate;

/** Earning rules as the marketer sees them: the draft and the live (or last published) version. */
@ProcessingGroup(RuleProjection.PROCESSING_GROUP)
public class RuleProjection {

    public static final String PROCESSING_GROUP = "earning-rules";

    private final JdbcTemplate jdbc;

    public RuleProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RuleDrafted event) {
        jdbc.update("""
                INSERT INTO earning_rule (rule_id, name, status, version, draft, created_at, updated_at)
                VALUES (?, ?, 'DRAFT', 0, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.ruleId(), event.definition().name(), RuleJson.write(event.definition()),
                Timestamp.from(event.draftedAt()), Timestamp.from(event.draftedAt()));
    }

    @EventHandler
    void on(RuleRevised event) {
        jdbc.update("UPDATE earning_rule SET name = ?, draft = ?, updated_at = ? WHERE rule_id = ?",
                event.definition().name(), RuleJson.write(event.definition()), Timestamp.from(event.revisedAt()), event.ruleId());
    }

    @EventHandler
    void on(RulePublished event) {
        Timestamp at = Timestamp.from(event.publishedAt());
        jdbc.update("UPDATE earning_rule SET status = 'PUBLISHED', version = ?, published = ?, updated_at = ? WHERE rule_id = ?",
                event.version(), RuleJson.write(event.definition()), at, event.ruleId());
    }

    @EventHandler
    void on(RulePaused event) {
        Timestamp at = Timestamp.from(event.pausedAt());
        jdbc.update("UPDATE earning_rule SET status = 'PAUSED', updated_at = ? WHERE rule_id = ?", at, event.ruleId());
    }

    @EventHandler
    void on(RuleRetired event) {
        Timestamp at = Timestamp.from(event.retiredAt());
        jdbc.update("UPDATE earning_rule SET status = 'RETIRED', updated_at = ? WHERE rule_id = ?", at, event.ruleId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE earning_rule");
    }
}
