package org.loyalty.rules.program;

import java.math.BigDecimal;
import java.util.Map;
import org.loyalty.api.purchase.PaymentMethod;

/**
 * One tier of the program.
 *
 * @param code               e.g. GREEN, GOLD, RESERVE
 * @param qualifyingPoints   points earned in the qualification window that reach (and keep) this tier
 * @param earnRate           points per currency unit of the net total
 * @param paymentRates       rates that replace {@code earnRate} for a payment method (e.g. 2 with the stored-value card)
 * @param expiry             how this tier's points expire
 * @param birthdayWindowDays how long the birthday reward can be used, from the birthday on
 */
public record TierDefinition(
        String code,
        long qualifyingPoints,
        BigDecimal earnRate,
        Map<PaymentMethod, BigDecimal> paymentRates,
        ExpiryPolicy expiry,
        int birthdayWindowDays) {

    public TierDefinition {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a tier needs a code");
        }
        if (qualifyingPoints < 0 || earnRate.signum() < 0 || birthdayWindowDays < 1) {
            throw new IllegalArgumentException("tier " + code + ": thresholds and rates must not be negative,"
                    + " the birthday window lasts at least a day");
        }
        paymentRates = Map.copyOf(paymentRates);
    }

    public BigDecimal rateFor(PaymentMethod method) {
        return paymentRates.getOrDefault(method, earnRate);
    }
}
