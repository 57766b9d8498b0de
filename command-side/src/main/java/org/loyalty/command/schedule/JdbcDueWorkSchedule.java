package org.loyalty.command.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link DueWorkSchedule} in the {@code account_due_work} table, one row per account with something due. */
public final class JdbcDueWorkSchedule implements DueWorkSchedule {

    private final JdbcTemplate jdbc;

    public JdbcDueWorkSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void dueAt(String memberId, Instant dueAt) {
        if (dueAt == null) {
            jdbc.update("DELETE FROM account_due_work WHERE member_id = ?", memberId);
        } else {
            jdbc.update("""
                    INSERT INTO account_due_work (member_id, due_at) VALUES (?, ?)
                    ON CONFLICT (member_id) DO UPDATE SET due_at = EXCLUDED.due_at""", memberId, Timestamp.from(dueAt));
        }
    }

    @Override
    public List<String> dueBy(Instant now, int limit) {
        return jdbc.queryForList("SELECT member_id FROM account_due_work WHERE due_at <= ? ORDER BY due_at LIMIT ?",
                String.class, Timestamp.from(now), limit);
    }
}
