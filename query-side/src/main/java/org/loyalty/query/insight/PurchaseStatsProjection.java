package org.loyalty.query.insight;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.query.StatementBatch;
import org.loyalty.query.UnitOfWorkBuffer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each member's purchase statistics for the retention models: the purchase days (same-day
 * purchases merged, as the models count transactions) and their summary, from which x, t_x and T
 * follow. The summary is recomputed from the member's day rows, so a purchase posted late (out of
 * order) lands on its own day and the summary stays exact.
 *
 * <p>The rows are written in the processor's transaction together with its token, so an event is
 * applied exactly once; a reset truncates the tables and replays them from the events.
 *
 * <p>A processor batch's writes are made when its transaction commits ({@link UnitOfWorkBuffer}): all its day rows
 * in one round trip, then one statement recomputes the summaries of the members they touched. That gives the same
 * rows as recomputing after each purchase, since a summary depends only on the member's day rows.
 */
@ProcessingGroup(PurchaseStatsProjection.PROCESSING_GROUP)
public class PurchaseStatsProjection {

    public static final String PROCESSING_GROUP = "retention-stats";

    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final UnitOfWorkBuffer<PurchaseDays> writes;

    public PurchaseStatsProjection(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.writes = new UnitOfWorkBuffer<>(PurchaseDays::new, this::flush);
    }

    /** One batch's purchase-day upserts, and the members whose summaries they change. */
    private static final class PurchaseDays {
        final StatementBatch days = new StatementBatch();
        final Set<String> members = new LinkedHashSet<>();
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        Date day = Date.valueOf(event.occurredAt().atZone(zone).toLocalDate());
        writes.note(w -> {
            w.days.add("""
                    INSERT INTO member_purchase_day (member_id, day, spend, purchases) VALUES (?, ?, ?, 1)
                    ON CONFLICT (member_id, day) DO UPDATE
                       SET spend = member_purchase_day.spend + excluded.spend, purchases = member_purchase_day.purchases + 1""",
                    event.memberId(), day, event.netTotal());
            w.members.add(event.memberId());
        });
    }

    /** Never empty: the buffer makes a {@code PurchaseDays} only for a purchase it notes. */
    private void flush(PurchaseDays writes) {
        writes.days.flush(jdbc);
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement("""
                    INSERT INTO member_purchase_stats (member_id, first_day, last_day, purchase_days, total_spend, first_day_spend)
                    SELECT member_id, min(day), max(day), count(*), sum(spend), (array_agg(spend ORDER BY day))[1]
                      FROM member_purchase_day WHERE member_id = ANY(?) GROUP BY member_id
                    ON CONFLICT (member_id) DO UPDATE
                       SET first_day = excluded.first_day, last_day = excluded.last_day, purchase_days = excluded.purchase_days,
                           total_spend = excluded.total_spend, first_day_spend = excluded.first_day_spend""");
            statement.setArray(1, con.createArrayOf("text", writes.members.toArray()));
            return statement;
        });
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_purchase_day, member_purchase_stats");
    }
}
