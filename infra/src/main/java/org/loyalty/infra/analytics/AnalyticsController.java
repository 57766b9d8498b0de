package org.loyalty.infra.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.analytics.AtRiskMember;
import org.loyalty.api.analytics.ProgramMetricsReport;
import org.loyalty.api.analytics.RefitResult;
import org.loyalty.api.analytics.ScoredList;
import org.loyalty.api.analytics.SegmentSummary;
import org.loyalty.api.analytics.VipMember;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.error.Violation;
import org.loyalty.query.insight.InsightReader;
import org.loyalty.query.insight.InsightRefit;
import org.loyalty.query.insight.ProgramMetricsReader;
import org.loyalty.query.insight.RetentionModelStore;
import org.loyalty.query.retention.PurchaseModelKind;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The marketers' retention views: who is at risk, who the VIPs are, the segments, the program's figures, and model refits. */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
class AnalyticsController {

    static final int MAX_LIMIT = 1_000;
    static final int MAX_METRICS_DAYS = 3_660;
    static final int DEFAULT_METRICS_DAYS = 30;

    private final InsightReader insights;
    private final InsightReader.VipPolicy vipPolicy;
    private final ProgramMetricsReader metrics;
    private final InsightRefit refit;

    AnalyticsController(InsightReader insights, InsightReader.VipPolicy vipPolicy, ProgramMetricsReader metrics, InsightRefit refit) {
        this.insights = insights;
        this.vipPolicy = vipPolicy;
        this.metrics = metrics;
        this.refit = refit;
    }

    /** Members with a churn-risk score of at least {@code minRisk} (0-100), riskiest first, with the reasons. */
    @Operation(summary = "Members at churn risk, riskiest first")
    @GetMapping("/churn-risk")
    Mono<ScoredList<AtRiskMember>> churnRisk(@RequestParam(defaultValue = "50") int minRisk, @RequestParam(defaultValue = "100") int limit) {
        List<Violation> errors = new ArrayList<>();
        if (minRisk < 0 || minRisk > 100) {
            errors.add(new Violation("minRisk", "must be between 0 and 100"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        InvalidRequestException.throwIfAny(errors);
        return insights.churnRisk(minRisk, limit);
    }

    @Operation(summary = "VIP members")
    @GetMapping("/vip")
    Mono<ScoredList<VipMember>> vip() {
        return insights.vips(vipPolicy);
    }

    @Operation(summary = "Members per RFM segment")
    @GetMapping("/segments")
    Mono<SegmentSummary> segments() {
        return insights.segments();
    }

    /** The program's figures over [from, to], days in the program's zone; the last 30 days by default. */
    @Operation(summary = "Program metrics over a date range")
    @GetMapping("/metrics")
    Mono<ProgramMetricsReport> metrics(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        LocalDate end = to != null ? to : insights.today();
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_METRICS_DAYS - 1);
        if (start.isAfter(end)) {
            throw new InvalidRequestException(List.of(new Violation("from", "must not be after to (" + end + ")")));
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_METRICS_DAYS) {
            throw new InvalidRequestException(List.of(new Violation("from", "the range may span at most " + MAX_METRICS_DAYS + " days")));
        }
        return metrics.report(start, end);
    }

    /**
     * Fits the configured purchase model and the spend model now and rescores every member. {@code asOf}
     * ends the calibration period (purchases after it are left out); today by default. {@code model}
     * (BG_NBD or PARETO_NBD) fits that model this once instead of the configured one, to compare them.
     */
    @Operation(summary = "Refit the retention models and rescore every member")
    @PostMapping("/models/refit")
    Mono<RefitResult> refit(@RequestParam(required = false) LocalDate asOf, @RequestParam(required = false) PurchaseModelKind model) {
        if (asOf != null && asOf.isAfter(insights.today())) {
            throw new InvalidRequestException(List.of(new Violation("asOf", "must not be in the future")));
        }
        return Mono.fromCallable(() -> {
            try {
                return refit.refit(asOf, model);
            } catch (InsightRefit.UnfittableException nothing) {
                throw new RuleViolationException("asOf", nothing.getMessage());
            }
        }).subscribeOn(Schedulers.boundedElastic()).map(AnalyticsController::result);
    }

    private static RefitResult result(InsightRefit.Outcome outcome) {
        var model = outcome.model();
        return new RefitResult(model.id(), model.purchases().kind().name(), model.asOf(), model.fittedAt(), model.customers(),
                RetentionModelStore.parameters(model.purchases()), model.logLikelihood(), model.converged(),
                model.spend() == null ? null : RetentionModelStore.parameters(model.spend()), outcome.membersScored(),
                outcome.elapsed().toMillis());
    }
}
