package org.loyalty.query.insight;

import static org.loyalty.query.Rows.instant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.loyalty.api.analytics.ProgramMetricsReport;
import org.loyalty.query.retention.ProgramMetrics;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The marketers' figures over a date range, from the purchase days, the service tables and the newest
 * scoring. Retention counts customers by purchases: active at a day means a purchase in the activity
 * window before it. S are those active at the start, N the first-time buyers of the period, and E the
 * customers of S or N still active at the end (a dormant member who comes back is neither retained nor
 * new, so CRR stays within 0-100).
 */
public class ProgramMetricsReader {

    private final DatabaseClient db;
    private final Period activityWindow;
    private final ZoneId zone;

    public ProgramMetricsReader(DatabaseClient db, Period activityWindow, ZoneId zone) {
        this.db = db;
        this.activityWindow = activityWindow;
        this.zone = zone;
    }

    public Mono<ProgramMetricsReport> report(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Mono<long[]> customers = db.sql("""
                        WITH at_start AS (SELECT DISTINCT member_id FROM member_purchase_day WHERE day >= :startWindow AND day < :from),
                             newcomers AS (SELECT member_id FROM member_purchase_stats WHERE first_day BETWEEN :from AND :to),
                             at_end AS (SELECT DISTINCT member_id FROM member_purchase_day WHERE day > :endWindow AND day <= :to)
                        SELECT (SELECT count(*) FROM at_start) AS s,
                               (SELECT count(*) FROM newcomers) AS n,
                               (SELECT count(*) FROM at_end e WHERE e.member_id IN (SELECT member_id FROM at_start)
                                                                  OR e.member_id IN (SELECT member_id FROM newcomers)) AS e""")
                .bind("startWindow", from.minus(activityWindow))
                .bind("from", from)
                .bind("to", to)
                .bind("endWindow", to.minus(activityWindow))
                .map(r -> new long[] {r.get("s", Long.class), r.get("e", Long.class), r.get("n", Long.class)})
                .one();
        Mono<Map<String, List<Integer>>> surveys = db.sql("""
                        SELECT survey_kind, score FROM survey_answer WHERE answered_at >= :start AND answered_at < :end""")
                .bind("start", start).bind("end", end)
                .map(r -> Map.entry(r.get("survey_kind", String.class), r.get("score", Short.class).intValue()))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(byKind -> {
                    Map<String, List<Integer>> out = new LinkedHashMap<>();
                    byKind.forEach((kind, scores) -> out.put(kind, new ArrayList<>(scores)));
                    return out;
                });
        Mono<List<ProgramMetrics.SupportCase>> cases = db.sql("""
                        SELECT opened_at, resolved_at, solved_at_first_contact FROM support_ticket
                         WHERE opened_at >= :start AND opened_at < :end""")
                .bind("start", start).bind("end", end)
                .map(r -> {
                    Boolean first = r.get("solved_at_first_contact", Boolean.class);
                    // Tickets record whether the first contact solved them, not how many contacts it took.
                    return new ProgramMetrics.SupportCase(instant(r, "opened_at"), instant(r, "resolved_at"),
                            Boolean.TRUE.equals(first) ? 1 : 2);
                })
                .all().collectList();
        Mono<Map<String, Long>> tiers = counts("SELECT coalesce(tier, 'UNKNOWN') AS name, count(*) AS n FROM member_account GROUP BY 1 ORDER BY 1");
        Mono<Map<String, Long>> segments = counts("SELECT segment AS name, count(*) AS n FROM member_insight GROUP BY 1 ORDER BY 1");
        Mono<Optional<BigDecimal>> averageClv = db.sql("SELECT avg(clv) AS clv FROM member_insight")
                .map(r -> Optional.ofNullable(r.get("clv", BigDecimal.class)).map(v -> v.setScale(2, RoundingMode.HALF_EVEN)))
                .one();
        int windowDays = (int) ChronoUnit.DAYS.between(to.minus(activityWindow), to);
        return Mono.zip(customers, surveys, cases, tiers, segments, averageClv)
                .map(t -> {
                    long[] c = t.getT1();
                    Map<String, List<Integer>> answers = t.getT2();
                    List<ProgramMetrics.SupportCase> support = t.getT3();
                    long resolved = support.stream().filter(ProgramMetrics.SupportCase::isResolved).count();
                    return new ProgramMetricsReport(from, to, windowDays, c[0], c[1], c[2],
                            value(ProgramMetrics.customerRetentionRate(c[0], c[1], c[2])),
                            value(ProgramMetrics.churnRate(c[0], c[1], c[2])),
                            survey(ProgramMetrics.netPromoterScore(answers.getOrDefault("NPS", List.of())), answers, "NPS"),
                            survey(ProgramMetrics.customerSatisfaction(answers.getOrDefault("CSAT", List.of())), answers, "CSAT"),
                            survey(ProgramMetrics.customerEffortScore(answers.getOrDefault("CES", List.of())), answers, "CES"),
                            new ProgramMetricsReport.Support(support.size(), resolved,
                                    value(ProgramMetrics.firstContactResolutionRate(support)),
                                    ProgramMetrics.meanTimeToResolution(support).orElse(null),
                                    ProgramMetrics.medianTimeToResolution(support).orElse(null)),
                            t.getT6().orElse(null), t.getT4(), t.getT5());
                });
    }

    private Mono<Map<String, Long>> counts(String sql) {
        return db.sql(sql).map(r -> Map.entry(r.get("name", String.class), r.get("n", Long.class))).all()
                .collectList()
                .map(rows -> {
                    Map<String, Long> out = new LinkedHashMap<>();
                    rows.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    private static ProgramMetricsReport.Survey survey(OptionalDouble value, Map<String, List<Integer>> answers, String kind) {
        return new ProgramMetricsReport.Survey(value(value), answers.getOrDefault(kind, List.of()).size());
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? Math.round(value.getAsDouble() * 100) / 100.0 : null;
    }
}
