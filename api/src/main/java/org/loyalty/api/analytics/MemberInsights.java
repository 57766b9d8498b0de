package org.loyalty.api.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the retention models say about one member as of {@code asOf}. {@code model} is null until a model
 * has been fitted, {@code purchases} (and every model figure) null for a member who has not bought yet,
 * {@code rfm} null until the member has been scored by a refit.
 */
public record MemberInsights(
        String memberId,
        LocalDate asOf,
        String tier,
        ModelRef model,
        PurchaseStatistics purchases,
        Double pAlive,
        Forecast expectedPurchases,
        Money clv,
        Rfm rfm,
        Risk risk,
        Service service) {

    public record ModelRef(long id, String kind, LocalDate asOf, Instant fittedAt) {
    }

    /** x, t_x and T in the model's time unit ({@code daysPerTimeUnit} days). */
    public record PurchaseStatistics(int frequency, double recency, double age, int daysPerTimeUnit, long daysSinceLastPurchase,
                                     int purchaseDays, BigDecimal totalSpend) {
    }

    public record Forecast(int days, double count) {
    }

    public record Money(BigDecimal amount, String currency) {
    }

    public record Rfm(int recency, int frequency, int monetary, String segment, Instant scoredAt) {
    }

    public record Risk(int score, List<String> reasons) {
    }

    public record Service(int openComplaints, int unresolvedTickets, Integer latestNps) {
    }
}
