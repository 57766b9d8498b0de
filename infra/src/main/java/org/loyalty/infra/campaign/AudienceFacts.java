package org.loyalty.infra.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.rules.campaign.facts.MemberInsight;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What audiences read about members, from the read models: the account, the newest retention scoring,
 * purchase statistics and the service tables. A member not scored yet reads P(alive) 1, value 0 and no
 * segment: unknown is not "slipping away". Members who accept marketing on no channel are not in any
 * audience: no offers, no holdout, no webhook about them.
 */
class AudienceFacts {

    private static final String SELECT = """
            SELECT a.member_id, a.tier, a.enrolled_at, coalesce(p.birthday_month, 0) AS birthday_month,
                   coalesce(i.segment, '') AS segment, coalesce(i.p_alive, 1.0) AS p_alive,
                   coalesce(i.expected_purchases, 0.0) AS expected_purchases, coalesce(i.clv, 0) AS clv,
                   coalesce(i.risk_score, 0) AS risk_score, s.last_day, coalesce(s.purchase_days, 0) AS purchase_days,
                   (SELECT count(*) FROM complaint c WHERE c.member_id = a.member_id AND c.status = 'OPEN') AS open_complaints,
                   (SELECT max(raised_at) FROM complaint c WHERE c.member_id = a.member_id) AS last_complaint,
                   (SELECT max(resolved_at) FROM support_ticket t WHERE t.member_id = a.member_id AND t.kind = 'COMPLAINT')
                       AS complaint_resolved
              FROM member_account a
              LEFT JOIN member_profile p ON p.member_id = a.member_id
              LEFT JOIN member_insight i ON i.member_id = a.member_id
              LEFT JOIN member_purchase_stats s ON s.member_id = a.member_id
             -- Only members who accept marketing on some channel (unknown: the profile is not projected yet, or older than consents).
             WHERE coalesce(p.marketing_email OR p.marketing_sms OR p.marketing_push, true)
            """;

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    AudienceFacts(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    List<MemberInsight> everyone(Instant now) {
        List<MemberInsight> out = new ArrayList<>();
        jdbc.query(SELECT + " ORDER BY a.member_id", (ResultSet row) -> {
            out.add(read(row, now));
        });
        return out;
    }

    List<MemberInsight> of(String memberId, Instant now) {
        return jdbc.query(SELECT + " AND a.member_id = ?", (row, n) -> read(row, now), memberId);
    }

    private MemberInsight read(ResultSet row, Instant now) throws SQLException {
        LocalDate today = now.atZone(zone).toLocalDate();
        java.sql.Date lastDay = row.getDate("last_day");
        return MemberInsight.newBuilder()
                .setId(row.getString("member_id"))
                .setTier(nonNull(row.getString("tier")))
                .setSegment(row.getString("segment"))
                .setPAlive(row.getDouble("p_alive"))
                .setExpectedPurchases(row.getDouble("expected_purchases"))
                .setClv(row.getBigDecimal("clv").doubleValue())
                .setRiskScore(row.getLong("risk_score"))
                .setDaysSinceLastPurchase(lastDay == null ? -1 : ChronoUnit.DAYS.between(lastDay.toLocalDate(), today))
                .setPurchaseDays(row.getLong("purchase_days"))
                .setDaysSinceEnrollment(daysSince(row.getTimestamp("enrolled_at"), now))
                .setBirthdayMonth(row.getLong("birthday_month"))
                .setOpenComplaints(row.getLong("open_complaints"))
                .setRecentComplaint(within(row.getTimestamp("last_complaint"), now, 30))
                .setDaysSinceComplaintResolved(daysSince(row.getTimestamp("complaint_resolved"), now))
                .build();
    }

    private static long daysSince(Timestamp at, Instant now) {
        return at == null ? -1 : Math.max(0, ChronoUnit.DAYS.between(at.toInstant(), now));
    }

    private static boolean within(Timestamp at, Instant now, int days) {
        return at != null && !at.toInstant().isBefore(now.minus(days, ChronoUnit.DAYS));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
