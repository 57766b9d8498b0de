package org.loyalty.api.campaign;

import java.math.BigDecimal;

/**
 * How a campaign did. Purchases and spend are counted per member from the day they were picked until
 * today, for the offered group and the holdout; the uplift is the difference of the means with a 95%
 * confidence interval (Welch, normal approximation), and the incremental totals scale it to the
 * offered group.
 */
public record CampaignResults(
        String campaignId,
        String name,
        CampaignStatus status,
        long issued,
        long redeemed,
        Double redemptionRate,
        long pointsCost,
        long treatmentMembers,
        long holdoutMembers,
        Comparison purchasesPerMember,
        Comparison spendPerMember,
        Double incrementalPurchases,
        BigDecimal incrementalSpend) {

    /** Means of the two groups and their difference; null where a group is empty (or too small for a variance). */
    public record Comparison(Double treatment, Double holdout, Double difference, Double ci95Low, Double ci95High) {
    }
}
