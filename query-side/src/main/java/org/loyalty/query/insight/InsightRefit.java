package org.loyalty.query.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyalty.query.retention.ChurnRisk;
import org.loyalty.query.retention.GammaGammaFitter;
import org.loyalty.query.retention.GammaGammaModel;
import org.loyalty.query.retention.PurchaseHistory;
import org.loyalty.query.retention.PurchaseModelFit;
import org.loyalty.query.retention.PurchaseModelKind;
import org.loyalty.query.retention.PurchaseModels;
import org.loyalty.query.retention.RfmScore;
import org.loyalty.query.retention.RfmScorer;
import org.loyalty.query.retention.RfmSegments;
import org.loyalty.query.retention.RfmValues;
import org.loyalty.query.retention.SpendHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fits the models on every member's purchase statistics and scores every member: P(alive), expected
 * purchases, lifetime value, RFM scores and segment, churn risk with its reasons. Runs on a schedule
 * and on demand; the scores are written in one transaction, so readers see the old set or the new one.
 * A transaction-scoped advisory lock makes concurrent refits (on several nodes) run one after the other.
 */
public class InsightRefit {

    /** Gamma-Gamma needs repeat buyers; below this many the spend model is left out (CLV then uses each member's own spend). */
    static final int MIN_REPEAT_BUYERS = 10;
    /**
     * A member whose first purchase is less than this many days old is scored but not fitted on: one week says
     * nothing yet about how often they buy, and a population of mostly brand-new members drives the fit to
     * absurd purchase rates.
     */
    static final int MIN_AGE_DAYS = 7;
    static final int MIN_MEMBERS_TO_FIT = 2;
    /**
     * Forecasts beyond these are a failed fit, not a customer. (Parameters themselves may run off to very large or
     * small values legitimately: a and b growing together, say, is a population whose members all drop out alike.)
     */
    private static final BigDecimal MAX_CLV = new BigDecimal("1e15");
    private static final double MAX_PURCHASES_PER_DAY = 100;
    private static final long REFIT_LOCK = 0x5245_4649_54L; // "REFIT"
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(PurchaseModelKind kind, int daysPerTimeUnit, int predictionDays, int clvHorizonDays,
                           BigDecimal annualDiscountRate, RfmSegments segments, ChurnRisk risk, ZoneId zone) {
    }

    /** What a refit did. */
    public record Outcome(StoredModel model, PurchaseModelFit fit, GammaGammaFitter.Fit spendFit, int membersScored,
                          Duration elapsed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PurchaseStatsTable stats;
    private final ServiceSignalsTable signals;
    private final RetentionModelStore store;
    private final Settings settings;
    private final Clock clock;

    public InsightRefit(JdbcTemplate jdbc, TransactionTemplate transaction, PurchaseStatsTable stats, ServiceSignalsTable signals,
                        RetentionModelStore store, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.stats = stats;
        this.signals = signals;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public LocalDate today() {
        return clock.instant().atZone(settings.zone()).toLocalDate();
    }

    /**
     * @param asOf the last day of the calibration period: purchases after it are left out and T is
     *             counted to it; null for today
     * @throws UnfittableException if too few members have a purchase history by then, or the data give no plausible fit;
     *         the previous model and scores are kept
     */
    public Outcome refit(LocalDate asOf) {
        return refit(asOf, null, null).orElseThrow();
    }

    /** @param kind the purchase model to fit this time; null for the configured one */
    public Outcome refit(LocalDate asOf, PurchaseModelKind kind) {
        return refit(asOf, kind, null).orElseThrow();
    }

    /**
     * Refits unless, once this node holds the refit lock, the newest model is younger than
     * {@code unlessYoungerThan}: another node has just done the work (null refits regardless).
     */
    public Optional<Outcome> refit(LocalDate asOf, PurchaseModelKind kind, Duration unlessYoungerThan) {
        LocalDate day = asOf == null ? today() : asOf;
        Optional<Outcome> outcome = transaction.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, REFIT_LOCK);
            if (unlessYoungerThan != null && store.refresh()
                    .filter(newest -> Duration.between(newest.fittedAt(), clock.instant()).compareTo(unlessYoungerThan) < 0).isPresent()) {
                return Optional.<Outcome>empty();
            }
            long started = System.nanoTime();
            List<PurchaseStats> members = day.equals(today()) ? stats.all() : stats.asOf(day);
            List<PurchaseHistory> histories = new ArrayList<>(members.size());
            List<SpendHistory> spends = new ArrayList<>();
            for (PurchaseStats member : members) {
                if (ChronoUnit.DAYS.between(member.firstDay(), day) < MIN_AGE_DAYS) {
                    continue;
                }
                histories.add(member.history(day, settings.daysPerTimeUnit()));
                if (member.repeatPurchases() > 0) {
                    spends.add(member.repeatSpend());
                }
            }
            if (histories.size() < MIN_MEMBERS_TO_FIT) {
                throw new UnfittableException("only " + histories.size() + " member(s) made a first purchase at least " + MIN_AGE_DAYS
                        + " days before " + day + "; at least " + MIN_MEMBERS_TO_FIT + " are needed to fit the models");
            }
            PurchaseModelFit fit = PurchaseModels.fit(kind == null ? settings.kind() : kind, histories);
            requirePlausible(RetentionModelStore.parameters(fit.model()), fit.logLikelihood());
            GammaGammaFitter.Fit spendFit = spends.size() >= MIN_REPEAT_BUYERS ? new GammaGammaFitter().fit(spends) : null;
            // A spend fit without a population mean (q <= 1), or at the edge of the parameter space (few repeat buyers
            // with alike spends), is dropped: lifetime values then use each member's own average spend.
            GammaGammaModel spend = spendFit == null || !(spendFit.model().q() > 1)
                    || !plausible(RetentionModelStore.parameters(spendFit.model()), spendFit.logLikelihood()) ? null : spendFit.model();
            Instant now = clock.instant();
            StoredModel model = store.save(new StoredModel(0, fit.model(), spend, fit.logLikelihood(), fit.customers(),
                    fit.converged(), day, now, Duration.ofNanos(System.nanoTime() - started).toMillis(), settings.daysPerTimeUnit()));
            int scored = scoreAll(model, members, day, now);
            return Optional.of(new Outcome(model, fit, spendFit, scored, Duration.ofNanos(System.nanoTime() - started)));
        });
        if (outcome.isPresent()) {
            store.refresh();
        }
        return outcome;
    }

    private int scoreAll(StoredModel model, List<PurchaseStats> members, LocalDate day, Instant now) {
        MemberScorer scorer = new MemberScorer(model, settings.clvHorizonDays(), settings.annualDiscountRate());
        List<RfmValues> values = members.stream()
                .map(m -> new RfmValues(m.daysSinceLastPurchase(day), m.purchaseDays(), m.totalSpend())).toList();
        List<RfmScore> rfm = RfmScorer.score(values);
        Map<String, ServiceSignals> service = signals.all(now.minus(Duration.ofDays(settings.risk().weights().detractorWindowDays())));
        Map<String, String> tiers = new HashMap<>();
        jdbc.query("SELECT member_id, tier FROM member_account", row -> {
            tiers.put(row.getString(1), row.getString(2));
        });
        List<Object[]> rows = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            PurchaseStats member = members.get(i);
            MemberScorer.Score score = scorer.score(member, day, settings.predictionDays());
            ChurnRisk.Assessment risk = settings.risk().assess(
                    service.getOrDefault(member.memberId(), ServiceSignals.NONE).with(score.pAlive()), now);
            if (!(score.pAlive() >= 0 && score.pAlive() <= 1) || !(score.expectedPurchases() >= 0)
                    || score.expectedPurchases() > MAX_PURCHASES_PER_DAY * settings.predictionDays() || score.clv().abs().compareTo(MAX_CLV) > 0) {
                throw new UnfittableException("the fitted model gives member " + member.memberId() + " an implausible forecast (P(alive) "
                        + score.pAlive() + ", " + score.expectedPurchases() + " purchases, value " + score.clv() + "): the previous model is kept");
            }
            RfmScore r = rfm.get(i);
            rows.add(new Object[] {member.memberId(), model.id(), Timestamp.from(now), score.history().frequency(),
                    score.history().recency(), score.history().age(), score.pAlive(), score.expectedPurchases(),
                    score.clv(), r.recency(), r.frequency(), r.monetary(),
                    settings.segments().segmentOf(r), risk.score(), json(risk.reasons()), tiers.get(member.memberId())});
        }
        jdbc.update("DELETE FROM member_insight");
        jdbc.batchUpdate("""
                INSERT INTO member_insight (member_id, model_id, scored_at, frequency, recency, age, p_alive, expected_purchases,
                                            clv, r_score, f_score, m_score, segment, risk_score, risk_reasons, tier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", rows);
        return rows.size();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean plausible(Map<String, Double> parameters, double logLikelihood) {
        return Double.isFinite(logLikelihood) && parameters.values().stream().allMatch(v -> Double.isFinite(v) && v > 0);
    }

    private static void requirePlausible(Map<String, Double> parameters, double logLikelihood) {
        if (!plausible(parameters, logLikelihood)) {
            throw new UnfittableException("the purchase data do not support a fit (parameters " + parameters + ", log-likelihood "
                    + logLikelihood + "): the previous model is kept");
        }
    }

    /** The data give no model: too few members with a history, or no plausible fit. Nothing was stored. */
    public static final class UnfittableException extends RuntimeException {
        public UnfittableException(String message) {
            super(message);
        }
    }
}
