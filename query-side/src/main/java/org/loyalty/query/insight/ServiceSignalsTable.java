package org.loyalty.query.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.loyalty.query.retention.ChurnRisk;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every member's service signals at once, for a batch scoring; members without any are left out. */
public class ServiceSignalsTable {

    private final JdbcTemplate jdbc;

    public ServiceSignalsTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param npsSince NPS answers before this are too old to count */
    public Map<String, ServiceSignals> all(Instant npsSince) {
        Map<String, ServiceSignals> out = new HashMap<>();
        jdbc.query("""
                WITH complaints AS (SELECT member_id, count(*) AS n FROM complaint WHERE status = 'OPEN' GROUP BY member_id),
                     tickets AS (SELECT member_id, count(*) AS n FROM support_ticket
                                  WHERE resolved_at IS NULL AND kind = 'SUPPORT_REQUEST' GROUP BY member_id),
                     nps AS (SELECT DISTINCT ON (member_id) member_id, score, answered_at FROM survey_answer
                              WHERE survey_kind = 'NPS' AND answered_at >= ? ORDER BY member_id, answered_at DESC)
                SELECT m.member_id, coalesce(c.n, 0) AS complaints, coalesce(t.n, 0) AS tickets, nps.score AS nps, nps.answered_at
                  FROM (SELECT member_id FROM complaints UNION SELECT member_id FROM tickets UNION SELECT member_id FROM nps) m
                  LEFT JOIN complaints c USING (member_id) LEFT JOIN tickets t USING (member_id) LEFT JOIN nps USING (member_id)""",
                row -> {
                    int nps = row.getInt("nps");
                    ChurnRisk.NpsAnswer latest = row.wasNull() ? null
                            : new ChurnRisk.NpsAnswer(nps, row.getTimestamp("answered_at").toInstant());
                    out.put(row.getString("member_id"), new ServiceSignals(row.getInt("complaints"), row.getInt("tickets"), latest));
                }, Timestamp.from(npsSince));
        return out;
    }
}
