package org.loyalty.infra.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.analytics.MemberInsights;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.error.Violation;
import org.loyalty.query.insight.InsightReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** One member's retention figures: P(alive), expected purchases, lifetime value, RFM segment and churn risk. */
@RestController
@Tag(name = "Analytics")
class InsightsController {

    static final int MAX_HORIZON_DAYS = 3_660;

    private final InsightReader reader;
    private final int defaultHorizonDays;

    InsightsController(InsightReader reader, RetentionProperties retention) {
        this.reader = reader;
        this.defaultHorizonDays = retention.predictionDays();
    }

    /**
     * @param asOf        the day the figures are for (purchases after it are left out); today by default
     * @param horizonDays the window of the purchase forecast; the configured prediction window by default
     */
    @Operation(summary = "One member's P(alive), expected purchases, lifetime value, segment and churn risk")
    @GetMapping("/api/v1/members/{memberId}/insights")
    Mono<MemberInsights> insights(@PathVariable String memberId, @RequestParam(required = false) LocalDate asOf,
                                  @RequestParam(required = false) Integer horizonDays) {
        List<Violation> errors = new ArrayList<>();
        if (asOf != null && asOf.isAfter(reader.today())) {
            errors.add(new Violation("asOf", "must not be in the future"));
        }
        if (horizonDays != null && (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS)) {
            errors.add(new Violation("horizonDays", "must be between 1 and " + MAX_HORIZON_DAYS));
        }
        InvalidRequestException.throwIfAny(errors);
        return reader.member(memberId, asOf, horizonDays == null ? defaultHorizonDays : horizonDays)
                .switchIfEmpty(Mono.error(() -> new UnknownMemberException(memberId)));
    }
}
