package org.loyalty.query.insight;

import static org.loyalty.query.Rows.instant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.loyalty.api.analytics.AtRiskMember;
import org.loyalty.api.analytics.MemberInsights;
import org.loyalty.api.analytics.ScoredList;
import org.loyalty.api.analytics.SegmentSummary;
import org.loyalty.api.analytics.VipMember;
import org.loyalty.query.retention.ChurnRisk;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Non-blocking reads of the retention views. A member's own insights are computed live from the
 * member's purchase days and the newest model (P(alive) falls day by day without a purchase, so a
 * stored figure would go stale); the lists (at risk, VIPs, segments) read the newest scoring.
 */
public class InsightReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who counts as a VIP, and how many to list. */
    public record VipPolicy(BigDecimal topPercent, List<String> tiers, BigDecimal minClv, int limit) {
    }

    private final DatabaseClient db;
    private final RetentionModelStore models;
    private final ChurnRisk risk;
    private final int clvHorizonDays;
    private final int defaultDaysPerTimeUnit;
    private final BigDecimal annualDiscountRate;
    private final String currency;
    private final ZoneId zone;
    private final Clock clock;
    private volatile MemberScorer scorer;

    public InsightReader(DatabaseClient db, RetentionModelStore models, ChurnRisk risk, int defaultDaysPerTimeUnit, int clvHorizonDays,
                         BigDecimal annualDiscountRate, String currency, ZoneId zone, Clock clock) {
        this.db = db;
        this.models = models;
        this.risk = risk;
        this.defaultDaysPerTimeUnit = defaultDaysPerTimeUnit;
        this.clvHorizonDays = clvHorizonDays;
        this.annualDiscountRate = annualDiscountRate;
        this.currency = currency;
        this.zone = zone;
        this.clock = clock;
    }

    /** One scorer per model: it keeps the lifetime-value sums it has computed, which many members share. */
    private MemberScorer scorerFor(StoredModel model) {
        MemberScorer current = scorer;
        if (current == null || current.model().id() != model.id()) {
            current = new MemberScorer(model, clvHorizonDays, annualDiscountRate);
            scorer = current;
        }
        return current;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** Empty when the member is unknown. */
    public Mono<MemberInsights> member(String memberId, LocalDate asOf, int horizonDays) {
        LocalDate day = asOf == null ? today() : asOf;
        Instant now = clock.instant();
        Mono<Optional<StoredModel>> model = Mono.fromCallable(models::newest).subscribeOn(Schedulers.boundedElastic());
        Mono<MemberRow> row = db.sql("""
                        SELECT a.member_id, a.tier,
                               s.first_day, s.last_day, s.purchase_days, s.total_spend, s.first_day_spend,
                               i.r_score, i.f_score, i.m_score, i.segment, i.scored_at,
                               (SELECT count(*) FROM complaint c WHERE c.member_id = a.member_id AND c.status = 'OPEN') AS complaints,
                               (SELECT count(*) FROM support_ticket t WHERE t.member_id = a.member_id AND t.resolved_at IS NULL
                                   AND t.kind = 'SUPPORT_REQUEST') AS tickets,
                               n.score AS nps, n.answered_at AS nps_at
                          FROM member_account a
                          LEFT JOIN (SELECT member_id, min(day) AS first_day, max(day) AS last_day, count(*) AS purchase_days,
                                            sum(spend) AS total_spend, (array_agg(spend ORDER BY day))[1] AS first_day_spend
                                       FROM member_purchase_day WHERE member_id = :id AND day <= :day GROUP BY member_id) s
                                 ON s.member_id = a.member_id
                          LEFT JOIN member_insight i ON i.member_id = a.member_id
                          LEFT JOIN LATERAL (SELECT score, answered_at FROM survey_answer
                                              WHERE member_id = a.member_id AND survey_kind = 'NPS' AND answered_at >= :npsSince
                                              ORDER BY answered_at DESC LIMIT 1) n ON true
                         WHERE a.member_id = :id""")
                .bind("id", memberId)
                .bind("day", day)
                .bind("npsSince", OffsetDateTime.ofInstant(now.minus(Duration.ofDays(risk.weights().detractorWindowDays())), ZoneOffset.UTC))
                .map(r -> new MemberRow(r))
                .one();
        return row.zipWith(model).map(found -> found.getT1().insights(found.getT2().orElse(null), day, horizonDays, now));
    }

    /** Members at or above {@code minRisk}, riskiest first. */
    public Mono<ScoredList<AtRiskMember>> churnRisk(int minRisk, int limit) {
        return scoring().flatMap(scoring -> db.sql("""
                        SELECT member_id, risk_score, risk_reasons::text AS reasons, p_alive, expected_purchases, clv, segment, tier
                          FROM member_insight WHERE risk_score >= :min ORDER BY risk_score DESC, clv DESC, member_id LIMIT :limit""")
                .bind("min", minRisk)
                .bind("limit", limit)
                .map(r -> new AtRiskMember(r.get("member_id", String.class), r.get("risk_score", Integer.class),
                        reasons(r.get("reasons", String.class)), r.get("p_alive", Double.class), r.get("expected_purchases", Double.class),
                        r.get("clv", BigDecimal.class), r.get("segment", String.class), r.get("tier", String.class)))
                .all().collectList()
                .map(members -> new ScoredList<>(scoring.modelId(), scoring.scoredAt(), members)));
    }

    /** The top {@code topPercent} by lifetime value and every member of the VIP tiers, above the minimum value. */
    public Mono<ScoredList<VipMember>> vips(VipPolicy policy) {
        return scoring().flatMap(scoring -> db.sql("""
                        SELECT * FROM (SELECT member_id, clv, tier, segment, p_alive,
                                              100 * cume_dist() OVER (ORDER BY clv) AS percentile,
                                              100 * percent_rank() OVER (ORDER BY clv DESC) AS top_share
                                         FROM member_insight) ranked
                         WHERE (top_share < :top OR tier = ANY(:tiers)) AND clv >= :minClv
                         ORDER BY clv DESC, member_id LIMIT :limit""")
                .bind("top", policy.topPercent())
                .bind("tiers", policy.tiers().toArray(String[]::new))
                .bind("minClv", policy.minClv())
                .bind("limit", policy.limit())
                .map(r -> {
                    double top = r.get("top_share", Double.class);
                    String tier = r.get("tier", String.class);
                    String why = top < policy.topPercent().doubleValue()
                            ? "lifetime value in the top " + policy.topPercent().stripTrailingZeros().toPlainString() + "%"
                            : "tier " + tier;
                    return new VipMember(r.get("member_id", String.class), r.get("clv", BigDecimal.class),
                            round(r.get("percentile", Double.class)), tier, r.get("segment", String.class), r.get("p_alive", Double.class), why);
                })
                .all().collectList()
                .map(members -> new ScoredList<>(scoring.modelId(), scoring.scoredAt(), members)));
    }

    public Mono<SegmentSummary> segments() {
        return scoring().flatMap(scoring -> db.sql("""
                        SELECT segment, count(*) AS members, avg(clv) AS clv, avg(p_alive) AS p_alive
                          FROM member_insight GROUP BY segment ORDER BY count(*) DESC, segment""")
                .map(r -> new SegmentSummary.Segment(r.get("segment", String.class), r.get("members", Long.class),
                        r.get("clv", BigDecimal.class).setScale(2, RoundingMode.HALF_EVEN), r.get("p_alive", Double.class)))
                .all().collectList()
                .map(segments -> new SegmentSummary(scoring.modelId(), scoring.scoredAt(), segments)));
    }

    /** Which model the lists come from; no model yet gives an empty list. */
    private Mono<Scoring> scoring() {
        return db.sql("SELECT max(model_id) AS model_id, max(scored_at) AS scored_at FROM member_insight")
                .map(r -> new Scoring(r.get("model_id", Long.class), instant(r, "scored_at")))
                .one();
    }

    private record Scoring(Long modelId, Instant scoredAt) {
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static List<String> reasons(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable risk reasons " + json, e);
        }
    }


    /** One member's row: account, purchase statistics as of the day, stored RFM scores and service signals. */
    private final class MemberRow {
        private final String memberId;
        private final String tier;
        private final PurchaseStats stats;
        private final MemberInsights.Rfm rfm;
        private final ServiceSignals service;

        private MemberRow(Readable r) {
            memberId = r.get("member_id", String.class);
            tier = r.get("tier", String.class);
            LocalDate first = r.get("first_day", LocalDate.class);
            stats = first == null ? null : new PurchaseStats(memberId, first, r.get("last_day", LocalDate.class),
                    r.get("purchase_days", Long.class).intValue(), r.get("total_spend", BigDecimal.class), r.get("first_day_spend", BigDecimal.class));
            Short rScore = r.get("r_score", Short.class);
            rfm = rScore == null ? null : new MemberInsights.Rfm(rScore, r.get("f_score", Short.class), r.get("m_score", Short.class),
                    r.get("segment", String.class), instant(r, "scored_at"));
            Short nps = r.get("nps", Short.class);
            service = new ServiceSignals(r.get("complaints", Long.class).intValue(), r.get("tickets", Long.class).intValue(),
                    nps == null ? null : new ChurnRisk.NpsAnswer(nps, instant(r, "nps_at")));
        }

        MemberInsights insights(StoredModel model, LocalDate day, int horizonDays, Instant now) {
            MemberInsights.ModelRef ref = model == null ? null
                    : new MemberInsights.ModelRef(model.id(), model.purchases().kind().name(), model.asOf(), model.fittedAt());
            MemberInsights.Service serviceView = new MemberInsights.Service(service.openComplaints(), service.unresolvedTickets(),
                    service.latestNps() == null ? null : service.latestNps().score());
            if (stats == null || model == null) {
                List<String> why = stats == null ? List.of("no purchases yet") : List.of("no retention model fitted yet");
                return new MemberInsights(memberId, day, tier, ref, statistics(model, day), null, null, null, rfm,
                        new MemberInsights.Risk(0, why), serviceView);
            }
            MemberScorer.Score score = scorerFor(model).score(stats, day, horizonDays);
            ChurnRisk.Assessment assessed = risk.assess(service.with(score.pAlive()), now);
            return new MemberInsights(memberId, day, tier, ref, statistics(model, day), score.pAlive(),
                    new MemberInsights.Forecast(horizonDays, score.expectedPurchases()),
                    new MemberInsights.Money(score.clv(), currency), rfm,
                    new MemberInsights.Risk(assessed.score(), assessed.reasons()), serviceView);
        }

        private MemberInsights.PurchaseStatistics statistics(StoredModel model, LocalDate day) {
            if (stats == null) {
                return null;
            }
            int unit = model == null ? defaultDaysPerTimeUnit : model.daysPerTimeUnit();
            var history = stats.history(day, unit);
            return new MemberInsights.PurchaseStatistics(history.frequency(), history.recency(), history.age(), unit,
                    stats.daysSinceLastPurchase(day), stats.purchaseDays(), stats.totalSpend());
        }
    }
}
