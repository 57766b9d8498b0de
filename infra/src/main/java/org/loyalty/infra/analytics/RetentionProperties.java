package org.loyalty.infra.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.loyalty.query.retention.ChurnRisk;
import org.loyalty.query.retention.PurchaseModelKind;
import org.loyalty.query.retention.RfmSegments;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How retention is modelled ({@code loyalty.retention} in application.yml).
 *
 * @param model             BG_NBD (Fader, Hardie and Lee 2005) or PARETO_NBD (Schmittlein et al. 1987)
 * @param daysPerTimeUnit   the models' time unit in days: 7 fits in weeks, as the published CDNOW figures are
 * @param predictionDays    the "expected purchases in the next ... days" horizon
 * @param refitInterval     each node checks this often whether the newest model is older than this, and refits
 * @param activityWindow    a member who bought within this window counts as an active customer (CRR, churn rate)
 * @param segmentAxis       what the second range of each segment rule is compared with: FREQUENCY or FREQUENCY_MONETARY
 * @param segments          the RFM segment map, first match wins; empty for the standard 11-segment map
 */
@ConfigurationProperties("loyalty.retention")
public record RetentionProperties(
        @DefaultValue("BG_NBD") PurchaseModelKind model,
        @DefaultValue("7") int daysPerTimeUnit,
        @DefaultValue("90") int predictionDays,
        @DefaultValue("PT24H") Duration refitInterval,
        @DefaultValue("true") boolean scheduledRefit,
        @DefaultValue("P180D") Period activityWindow,
        @DefaultValue Clv clv,
        @DefaultValue Risk risk,
        @DefaultValue Vip vip,
        @DefaultValue("FREQUENCY") RfmSegments.SecondAxis segmentAxis,
        List<RfmSegments.Rule> segments) {

    public RetentionProperties {
        if (daysPerTimeUnit < 1) {
            throw new IllegalArgumentException("loyalty.retention.days-per-time-unit must be at least 1");
        }
        if (predictionDays < 1) {
            throw new IllegalArgumentException("loyalty.retention.prediction-days must be at least 1");
        }
    }

    /**
     * @param horizonDays        how far ahead the lifetime value counts
     * @param annualDiscountRate the yearly rate future spend is discounted at (0.10 = 10%), compounded monthly
     * @param currency           the currency spend is summed in (the program's main currency)
     */
    public record Clv(@DefaultValue("1095") int horizonDays, @DefaultValue("0.10") BigDecimal annualDiscountRate,
                      @DefaultValue("USD") String currency) {
    }

    /** The churn-risk weights, each a probability (see {@link ChurnRisk}), and the window NPS answers count in. */
    public record Risk(@DefaultValue("1.0") double inactive, @DefaultValue("0.15") double perOpenComplaint,
                       @DefaultValue("0.10") double perUnresolvedTicket, @DefaultValue("0.20") double detractor,
                       @DefaultValue("90") int detractorWindowDays) {

        ChurnRisk toChurnRisk() {
            return new ChurnRisk(new ChurnRisk.Weights(inactive, perOpenComplaint, perUnresolvedTicket, detractor, detractorWindowDays));
        }
    }

    /** VIPs: the top {@code topPercent} of members by lifetime value and every member of {@code tiers}, at {@code minClv} or more. */
    public record Vip(@DefaultValue("5") BigDecimal topPercent, @DefaultValue("RESERVE") Set<String> tiers,
                      @DefaultValue("0") BigDecimal minClv, @DefaultValue("100") int limit) {
    }

    RfmSegments segmentMap() {
        return segments == null || segments.isEmpty() ? RfmSegments.standard() : new RfmSegments(segmentAxis, segments);
    }
}
