package org.loyalty.command.adjustment;

import java.sql.Date;
import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link StaffAdjustmentAllowance} as one row per staff member and day; the row lock orders concurrent adjustments. */
public final class JdbcStaffAdjustmentAllowance implements StaffAdjustmentAllowance {

    private final JdbcTemplate jdbc;

    public JdbcStaffAdjustmentAllowance(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean consume(String staffId, LocalDate day, long points, long limit) {
        if (points > limit) {
            return false;
        }
        return jdbc.update("""
                INSERT INTO staff_adjustment_day (staff_id, day, points) VALUES (?, ?, ?)
                ON CONFLICT (staff_id, day) DO UPDATE SET points = staff_adjustment_day.points + EXCLUDED.points
                WHERE staff_adjustment_day.points + EXCLUDED.points <= ?""",
                staffId, Date.valueOf(day), points, limit) == 1;
    }
}
