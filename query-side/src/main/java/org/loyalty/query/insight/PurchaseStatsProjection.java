package org.loyalty.query.insight;

import java.time.ZoneId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each member's purchase statistics for the retention models: the purchase days (same-day
 * purchases merged, as the models count transactions) and their summary, from which x, t_x and T
 * follow. The summary is recomputed from the member's day rows, so a purchase posted late (out of
 * order) lands on its own day and the summary stays exact.
 *
 * <p>The rows are written in the processor's transaction together with its token, so an event is
 * applied exactly once; a reset truncates the tables and replays them from the events.
 */
@ProcessingGroup(PurchaseStatsProjection.PROCESSING_GROUP)
public class PurchaseStatsProjection {

    public static final String PROCESSING_GROUP = "retention-stats";

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public PurchaseStatsProjection(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        jdbc.update("""
                INSERT INTO member_purchase_day (member_id, day, spend, purchases) VALUES (?, ?, ?, 1)
                ON CONFLICT (member_id, day) DO UPDATE
                   SET spend = member_purchase_day.spend + excluded.spend, purchases = member_purchase_day.purchases + 1""",
                event.memberId(), java.sql.Date.valueOf(event.occurredAt().atZone(zone).toLocalDate()), event.netTotal());
        jdbc.update("""
                INSERT INTO member_purchase_stats (member_id, first_day, last_day, purchase_days, total_spend, first_day_spend)
                SELECT member_id, min(day), max(day), count(*), sum(spend), (array_agg(spend ORDER BY day))[1]
                  FROM member_purchase_day WHERE member_id = ? GROUP BY member_id
                ON CONFLICT (member_id) DO UPDATE
                   SET first_day = excluded.first_day, last_day = excluded.last_day, purchase_days = excluded.purchase_days,
                       total_spend = excluded.total_spend, first_day_spend = excluded.first_day_spend""",
                event.memberId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_purchase_day, member_purchase_stats");
    }
}
