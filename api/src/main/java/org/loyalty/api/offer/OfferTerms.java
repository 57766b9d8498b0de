package org.loyalty.api.offer;

import java.math.BigDecimal;

/**
 * What an offer gives, by {@code type}:
 * <ul>
 *   <li>{@code POINTS_MULTIPLIER}: purchases within {@code days} of activation earn {@code multiplier} times their
 *       base points (the extra is the offer's);</li>
 *   <li>{@code BONUS_ON_NEXT_PURCHASE}: the next purchase of at least {@code minimumSpend} earns {@code bonusPoints};</li>
 *   <li>{@code FREE_REWARD}: the catalog reward {@code rewardId}, given when the member activates the offer.</li>
 * </ul>
 * Fields another type does not use are null.
 */
public record OfferTerms(Type type, BigDecimal multiplier, Integer days, Long bonusPoints, BigDecimal minimumSpend, String rewardId) {

    public enum Type {
        POINTS_MULTIPLIER,
        BONUS_ON_NEXT_PURCHASE,
        FREE_REWARD
    }

    public static OfferTerms multiplier(BigDecimal multiplier, int days) {
        return new OfferTerms(Type.POINTS_MULTIPLIER, multiplier, days, null, null, null);
    }

    public static OfferTerms bonusOnNextPurchase(long bonusPoints, BigDecimal minimumSpend) {
        return new OfferTerms(Type.BONUS_ON_NEXT_PURCHASE, null, null, bonusPoints, minimumSpend, null);
    }

    public static OfferTerms freeReward(String rewardId) {
        return new OfferTerms(Type.FREE_REWARD, null, null, null, null, rewardId);
    }
}
