package org.loyalty.command.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.loyalty.command.TextArrayStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DueWorkSchedule} in the {@code account_due_work} table, one row per account with something due.
 *
 * <p>Inside a unit of work the rows are written once, when the outermost unit prepares to commit, in the same
 * transaction as the command's events: one statement for every account the unit of work changed, the last due
 * instant of each. A group commit of many purchases (GroupCommits) so writes one statement, not one per purchase.
 */
public final class JdbcDueWorkSchedule implements DueWorkSchedule {

    private static final String PENDING = JdbcDueWorkSchedule.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public JdbcDueWorkSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void dueAt(String memberId, Instant dueAt) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(Map.of(memberId, Optional.ofNullable(dueAt)));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Optional<Instant>> pending = root.getOrComputeResource(PENDING, key -> {
            Map<String, Optional<Instant>> rows = new LinkedHashMap<>();
            root.onPrepareCommit(unitOfWork -> write(rows));
            return rows;
        });
        pending.put(memberId, Optional.ofNullable(dueAt));
    }

    /**
     * Upserts the accounts with a due instant and deletes those without, one statement each. Most purchases leave
     * the account's due instant as it was (six in ten at the purchase ceiling, bench/NOTES.md item 53): such a row is
     * left alone rather than written again as a new row version with the same value.
     */
    private void write(Map<String, Optional<Instant>> rows) {
        List<String> due = new ArrayList<>();
        List<String> at = new ArrayList<>();
        List<String> nothingDue = new ArrayList<>();
        rows.forEach((memberId, dueAt) -> {
            if (dueAt.isPresent()) {
                due.add(memberId);
                at.add(dueAt.get().toString());
            } else {
                nothingDue.add(memberId);
            }
        });
        if (!due.isEmpty()) {
            jdbc.update(con -> TextArrayStatement.prepare(con, """
                    INSERT INTO account_due_work (member_id, due_at) SELECT * FROM unnest(?::text[], ?::timestamptz[])
                    ON CONFLICT (member_id) DO UPDATE SET due_at = EXCLUDED.due_at
                     WHERE account_due_work.due_at <> EXCLUDED.due_at""", due, at));
        }
        if (!nothingDue.isEmpty()) {
            jdbc.update(con -> TextArrayStatement.prepare(con, "DELETE FROM account_due_work WHERE member_id = ANY(?::text[])", nothingDue));
        }
    }

    @Override
    public List<String> dueBy(Instant now, int limit) {
        return jdbc.queryForList("SELECT member_id FROM account_due_work WHERE due_at <= ? ORDER BY due_at LIMIT ?",
                String.class, Timestamp.from(now), limit);
    }
}
