package org.loyalty.query.insight;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads all members' purchase statistics for a model fit, in one query. (A fit is a batch job on a
 * worker thread and needs every member in memory anyway; the per-request reads go through R2DBC.)
 */
public class PurchaseStatsTable {

    private final JdbcTemplate jdbc;

    public PurchaseStatsTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<PurchaseStats> all() {
        List<PurchaseStats> out = new ArrayList<>();
        jdbc.query("""
                SELECT member_id, first_day, last_day, purchase_days, total_spend, first_day_spend
                  FROM member_purchase_stats ORDER BY member_id""", (ResultSet row) -> {
            out.add(read(row));
        });
        return out;
    }

    /**
     * The statistics as they stood at the end of {@code asOf}: recomputed from the purchase days up to that
     * day, so a fit for a past calibration period leaves later purchases out.
     */
    public List<PurchaseStats> asOf(LocalDate asOf) {
        List<PurchaseStats> out = new ArrayList<>();
        jdbc.query("""
                SELECT member_id, min(day) AS first_day, max(day) AS last_day, count(*) AS purchase_days,
                       sum(spend) AS total_spend, (array_agg(spend ORDER BY day))[1] AS first_day_spend
                  FROM member_purchase_day WHERE day <= ? GROUP BY member_id ORDER BY member_id""",
                (ResultSet row) -> {
                    out.add(read(row));
                }, Date.valueOf(asOf));
        return out;
    }

    static PurchaseStats read(ResultSet row) throws SQLException {
        return new PurchaseStats(row.getString("member_id"), row.getDate("first_day").toLocalDate(),
                row.getDate("last_day").toLocalDate(), row.getInt("purchase_days"), row.getBigDecimal("total_spend"),
                row.getBigDecimal("first_day_spend"));
    }
}
