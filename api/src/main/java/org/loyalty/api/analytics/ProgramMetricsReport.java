package org.loyalty.api.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * The program's figures for marketers over [{@code from}, {@code to}] (both days inclusive). A figure
 * with nothing to compute it from (no survey answers, no resolved tickets) is null, never 0.
 *
 * <p>Retention follows CRR = (E - N) / S x 100 with S the active customers at the start, E at the end and
 * N the new customers (first purchase) in the period; "active" is a purchase within the activity window.
 * Churn rate is 100 - CRR.
 */
public record ProgramMetricsReport(
        LocalDate from,
        LocalDate to,
        int activityWindowDays,
        long activeAtStart,
        long activeAtEnd,
        long newCustomers,
        Double retentionRate,
        Double churnRate,
        Survey nps,
        Survey csat,
        Survey ces,
        Support support,
        BigDecimal averageClv,
        Map<String, Long> membersPerTier,
        Map<String, Long> membersPerSegment) {

    /** A survey figure and how many answers it rests on. */
    public record Survey(Double value, long answers) {
    }

    /** Support requests and complaints opened in the period. */
    public record Support(long opened, long resolved, Double firstContactResolutionRate, Duration meanTimeToResolution,
                          Duration medianTimeToResolution) {
    }
}
