package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.hyp2f1;
import static org.loyalty.query.retention.SpecialFunctions.logBeta;
import static org.loyalty.query.retention.SpecialFunctions.logGamma;
import static org.loyalty.query.retention.SpecialFunctions.logSumExp;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005): while alive a customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b). A customer is summarised by (x, t_x, T), see {@link PurchaseHistory}.
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements PurchaseModel {

    public BgNbdModel {
        requirePositive("r", r);
        requirePositive("alpha", alpha);
        requirePositive("a", a);
        requirePositive("b", b);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
    }

    @Override
    public PurchaseModelKind kind() {
        return PurchaseModelKind.BG_NBD;
    }

    /**
     * ln L(r, α, a, b | x, t_x, T), where
     * L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
     *   + δ_{x&gt;0} B(a+1, b+x-1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)),
     * evaluated entirely in log space (log-gamma, log-sum-exp), so it stays finite for large x.
     */
    public double logLikelihood(int x, double tx, double T) {
        PurchaseHistory.validate(x, tx, T);
        return logLikelihood(r, alpha, a, b, logBeta(a, b), x, tx, T);
    }

    @Override
    public double logLikelihood(PurchaseHistory h) {
        return logLikelihood(r, alpha, a, b, logBeta(a, b), h.frequency(), h.recency(), h.age());
    }

    /** Unchecked kernel shared with the fitter; {@code lnBab} = ln B(a, b). */
    static double logLikelihood(double r, double alpha, double a, double b, double lnBab,
            int x, double tx, double T) {
        double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
        double stillAlive = logBeta(a, b + x) - lnBab - (r + x) * Math.log(alpha + T);
        if (x == 0) {
            return common + stillAlive;
        }
        double droppedOut = logBeta(a + 1, b + x - 1) - lnBab - (r + x) * Math.log(alpha + tx);
        return common + logSumExp(stillAlive, droppedOut);
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + δ_{x&gt;0} (a / (b+x-1)) ((α+T)/(α+t_x))^(r+x)), with the
     * odds term formed in log space.
     */
    public double probabilityAlive(int x, double tx, double T) {
        PurchaseHistory.validate(x, tx, T);
        if (x == 0) {
            return 1.0;
        }
        return 1.0 / (1.0 + Math.exp(logDeadOdds(x, tx, T)));
    }

    @Override
    public double pAlive(PurchaseHistory h) {
        return probabilityAlive(h.frequency(), h.recency(), h.age());
    }

    /** ln[(a/(b+x-1)) ((α+T)/(α+t_x))^(r+x)] for x &gt; 0. */
    private double logDeadOdds(int x, double tx, double T) {
        return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    }

    /**
     * E[Y(t) | x, t_x, T], the expected number of purchases in the next t periods:
     * <pre>
     *   (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; z)]
     *   / [1 + δ_{x&gt;0} (a/(b+x-1)) ((α+T)/(α+t_x))^(r+x)],      z = t/(α+T+t).
     * </pre>
     * Numerically, the product (1-z)^(r+x) · 2F1(r+x, b+x; c; z) is replaced by Euler's
     * transformation (1-z)^(a-1) · 2F1(c-r-x, a-1; c; z) with c = a+b+x-1: its series has
     * small, quickly shrinking terms (no huge 2F1 cancelling a tiny power), also for large x and
     * for z near 1. At a = 1 (a removable singularity) the value is the mean of a = 1 ± 1e-6.
     */
    public double expectedPurchases(double t, int x, double tx, double T) {
        PurchaseHistory.validate(x, tx, T);
        requireHorizon(t);
        if (t == 0) {
            return 0.0;
        }
        double denominator = x == 0 ? 1.0 : 1.0 + Math.exp(logDeadOdds(x, tx, T));
        return expectedPurchasesIfAlive(x, T, t) / denominator;
    }

    @Override
    public double expectedPurchases(PurchaseHistory h, double t) {
        return expectedPurchases(t, h.frequency(), h.recency(), h.age());
    }

    /**
     * E[Y(t) | alive at T, x, T], the numerator above: given survival to T the customer is a new
     * BG/NBD customer with r+x, α+T, a, b+x (Poisson purchases have no memory).
     */
    @Override
    public double expectedPurchasesIfAlive(int x, double T, double t) {
        PurchaseHistory.validate(x, 0, T);
        requireHorizon(t);
        if (t == 0) {
            return 0.0;
        }
        if (Math.abs(a - 1) < 1e-7) {
            return 0.5 * (new BgNbdModel(r, alpha, 1 - 1e-6, b).expectedPurchasesIfAlive(x, T, t)
                    + new BgNbdModel(r, alpha, 1 + 1e-6, b).expectedPurchasesIfAlive(x, T, t));
        }
        if (a + b + x > CONCENTRATED_BETA) {
            // p ~ Beta(a, b+x) is then all but a point mass at its mean (sd below 1% of it): a fit in which every
            // member drops out alike. The closed form's 2F1 overflows there; the limit is exact to that precision.
            return purchasesIfAliveGiven(a / (a + b + x), x, T, t);
        }
        double c = a + b + x - 1;
        if (c <= 0) {
            // Only for x = 0 (for x >= 1, c > 0 as a, b > 0).
            return expectedPurchasesIfAliveByQuadrature(x, T, t);
        }
        double z = t / (alpha + T + t);
        try {
            double powered = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(c - r - x, a - 1, c, z);
            double closed = c / (a - 1) * (1 - powered);
            return Double.isFinite(closed) ? closed : expectedPurchasesIfAliveByQuadrature(x, T, t);
        } catch (ArithmeticException seriesOverflowed) {
            return expectedPurchasesIfAliveByQuadrature(x, T, t);
        }
    }

    /** a + b + x beyond which the dropout probability is treated as known (its relative sd is below 1%). */
    static final double CONCENTRATED_BETA = 1e4;

    /** E[Y(t) | alive at T, x, T, p]: (1 - (1 + p t/(α+T))^{-(r+x)}) / p, the λ-averaged purchases for a known p. */
    private double purchasesIfAliveGiven(double p, int x, double T, double t) {
        double scaled = t / (alpha + T);
        double k = r + x;
        return p < 1e-300 ? k * scaled : -Math.expm1(-k * Math.log1p(p * scaled)) / p;
    }

    /**
     * The same expectation without the hypergeometric closed form, which needs c = a + b + x - 1 > 0 (a fit
     * may give a + b < 1, and then members with x = 0 have c <= 0): given λ and p, a customer alive at T
     * buys (1 - e^{-λpt}) / p times in t; with λ ~ Gamma(r+x, α+T) that is
     * g(p) = (1 - (1 + p t/(α+T))^{-(r+x)}) / p, averaged over p ~ Beta(a, b+x). The Beta density's
     * singular ends are absorbed by substitution (p = u^{1/a}/2 on [0, 1/2], 1 - p = v^{1/(b+x)}/2 on
     * [1/2, 1]), which leaves smooth integrands for Gauss-Legendre.
     */
    double expectedPurchasesIfAliveByQuadrature(int x, double T, double t) {
        double shape = b + x;
        java.util.function.DoubleUnaryOperator g = p -> purchasesIfAliveGiven(p, x, T, t);
        double nearZero = GaussLegendre.integrateUnitInterval(u -> {
            double p = 0.5 * Math.pow(u, 1 / a);
            return g.applyAsDouble(p) * Math.pow(1 - p, shape - 1);
        }) * Math.pow(0.5, a) / a;
        double nearOne = GaussLegendre.integrateUnitInterval(v -> {
            double q = 0.5 * Math.pow(v, 1 / shape);
            return g.applyAsDouble(1 - q) * Math.pow(1 - q, a - 1);
        }) * Math.pow(0.5, shape) / shape;
        return (nearZero + nearOne) / Math.exp(SpecialFunctions.logBeta(a, shape));
    }

    private static void requireHorizon(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0, was " + t);
        }
    }
}
