package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.logGamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"): transaction values
 * are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process.
 */
public record GammaGammaModel(double p, double q, double gamma) {

    public GammaGammaModel {
        requirePositive("p", p);
        requirePositive("q", q);
        requirePositive("gamma", gamma);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
    }

    /**
     * E(M | x, m_x) = p (γ + x m_x) / (p x + q - 1), the expected mean transaction value of a
     * customer with x transactions averaging m_x. Needs p x + q &gt; 1 (for x = 0 that is q &gt; 1,
     * giving the population mean p γ / (q - 1)).
     */
    public double expectedAverageSpend(int x, double meanSpend) {
        new SpendHistory(x, meanSpend);
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            throw new ArithmeticException("expected spend undefined: p x + q - 1 = " + denominator + " <= 0");
        }
        double observed = x == 0 ? 0.0 : x * meanSpend;
        return p * (gamma + observed) / denominator;
    }

    public double expectedAverageSpend(SpendHistory h) {
        return expectedAverageSpend(h.frequency(), h.meanSpend());
    }

    /**
     * ln of the marginal density of the mean spend m_x over x &gt; 0 transactions:
     * Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m_x^(px-1) · x^(px) / (γ + x m_x)^(px+q).
     */
    public double logLikelihood(int x, double meanSpend) {
        new SpendHistory(x, meanSpend);
        if (x == 0 || meanSpend == 0) {
            throw new IllegalArgumentException("the Gamma-Gamma likelihood needs x > 0 and mean spend > 0");
        }
        return logLikelihood(p, q, gamma, x, meanSpend);
    }

    static double logLikelihood(double p, double q, double gamma, int x, double m) {
        double px = p * x;
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + x * m);
    }
}
