package org.loyalty.infra.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.rules.program.CatalogReward;
import org.loyalty.rules.program.ExpiryPolicy;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.program.TierDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The loyalty program as configured in {@code loyalty.program} (application.yml holds the default,
 * Starbucks Rewards as of March 2026). Every number of the program lives here, none in code.
 *
 * @param currencies          ISO 4217 codes the POS may send
 * @param clockSkewTolerance  how far in the future a POS's {@code occurredAt} may lie
 * @param zone                the zone in which days, months and birthdays are counted
 * @param pointValue          what one point costs the business (a backtest reports a rule's cost in it)
 */
@ConfigurationProperties("loyalty.program")
public record ProgramProperties(
        @DefaultValue({"USD", "EUR", "GBP", "CAD", "AUD"}) Set<String> currencies,
        @DefaultValue("PT5M") Duration clockSkewTolerance,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("P12M") Period qualificationWindow,
        @DefaultValue("P12M") Period statusDuration,
        @DefaultValue("PT0S") Duration downgradeGrace,
        @DefaultValue("PT0S") Duration pendingPeriod,
        List<Tier> tiers,
        List<Reward> catalog,
        @DefaultValue("BIRTHDAY-TREAT") String birthdayRewardId,
        @DefaultValue Adjustments adjustments,
        @DefaultValue DueWork dueWork,
        @DefaultValue PointValue pointValue) {

    /** What one point costs the business, for the cost of a rule in a backtest. */
    public record PointValue(@DefaultValue("0.03") BigDecimal amount, @DefaultValue("USD") String currency) {
    }

    /** One tier; {@code expiry.policy} is NEVER, MONTHS_AFTER_EARNED_MONTH or INACTIVITY. */
    public record Tier(String code, long qualifyingPoints, BigDecimal earnRate, Map<PaymentMethod, BigDecimal> paymentRates,
                       Expiry expiry, @DefaultValue("1") int birthdayWindowDays) {
    }

    public record Expiry(@DefaultValue("NEVER") String policy, @DefaultValue("0") int months) {

        ExpiryPolicy toPolicy() {
            return switch (policy) {
                case "NEVER" -> new ExpiryPolicy.Never();
                case "MONTHS_AFTER_EARNED_MONTH" -> new ExpiryPolicy.MonthsAfterEarnedMonth(months);
                case "INACTIVITY" -> new ExpiryPolicy.Inactivity(months);
                default -> throw new IllegalArgumentException("loyalty.program.tiers[].expiry.policy must be NEVER,"
                        + " MONTHS_AFTER_EARNED_MONTH or INACTIVITY, not " + policy);
            };
        }
    }

    public record Reward(String id, String name, long points) {
    }

    /** Limits on staff adjustments, in points moved either way. */
    public record Adjustments(@DefaultValue("500") long maxPointsPerAdjustment,
                              @DefaultValue("2000") long maxPointsPerStaffPerDay) {
    }

    /** How often the scheduler looks for accounts with due work (expiry, re-qualification, birthdays). */
    public record DueWork(@DefaultValue("PT5S") Duration pollInterval, @DefaultValue("200") int batchSize) {
    }

    public LoyaltyProgram toProgram() {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("loyalty.program.tiers must define at least one tier");
        }
        List<TierDefinition> tierDefinitions = tiers.stream().map(t -> new TierDefinition(t.code(), t.qualifyingPoints(),
                t.earnRate(), t.paymentRates() == null ? Map.of() : t.paymentRates(),
                t.expiry() == null ? new ExpiryPolicy.Never() : t.expiry().toPolicy(), t.birthdayWindowDays())).toList();
        List<CatalogReward> rewards = catalog == null ? List.of()
                : catalog.stream().map(r -> new CatalogReward(r.id(), r.name(), r.points())).toList();
        return new LoyaltyProgram(tierDefinitions, qualificationWindow, statusDuration, downgradeGrace, pendingPeriod, zone,
                rewards, birthdayRewardId, adjustments.maxPointsPerAdjustment(), adjustments.maxPointsPerStaffPerDay());
    }
}
