package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.hyp2f1UnitA;
import static org.loyalty.query.retention.SpecialFunctions.logDiffExp;
import static org.loyalty.query.retention.SpecialFunctions.logGamma;
import static org.loyalty.query.retention.SpecialFunctions.logSumExp;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α), and stays alive for an exponential lifetime with rate
 * μ ~ Gamma(s, β), independent of λ. Unlike BG/NBD, drop-out can happen at any time, so a customer
 * without repeat purchases is not certainly alive. Formulas follow Fader and Hardie, "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions" (2005).
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta) implements PurchaseModel {

    public ParetoNbdModel {
        requirePositive("r", r);
        requirePositive("alpha", alpha);
        requirePositive("s", s);
        requirePositive("beta", beta);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
    }

    @Override
    public PurchaseModelKind kind() {
        return PurchaseModelKind.PARETO_NBD;
    }

    /**
     * ln L(r, α, s, β | x, t_x, T), where (Fader and Hardie 2005)
     * <pre>
     *   L = Γ(r+x) α^r β^s / Γ(r) · { 1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ },
     *   A₀ = F(t_x) - F(T),   F(t) = 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) / (α+t)^(r+s+x)   if α &gt;= β,
     *                         F(t) = 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+t)) / (β+t)^(r+s+x)   if α &lt; β.
     * </pre>
     * The first term is "still alive at T", the second "died somewhere in (t_x, T]". Computed in log
     * space (see {@link #logDropOutTerm}) so that it stays finite for any x; A₀ is a difference of two
     * positive terms, formed with {@link SpecialFunctions#logDiffExp}.
     */
    public double logLikelihood(int x, double tx, double T) {
        PurchaseHistory.validate(x, tx, T);
        return logLikelihood(r, alpha, s, beta, x, tx, T);
    }

    @Override
    public double logLikelihood(PurchaseHistory h) {
        return logLikelihood(r, alpha, s, beta, h.frequency(), h.recency(), h.age());
    }

    static double logLikelihood(double r, double alpha, double s, double beta, int x, double tx, double T) {
        double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double lnAlphaT = Math.log(alpha + T);
        double lnBetaT = Math.log(beta + T);
        double alive = -(r + x) * lnAlphaT - s * lnBetaT;
        double logA0 = logA0(r, alpha, s, beta, x, tx, T, lnAlphaT, lnBetaT);
        return common + logSumExp(alive, Math.log(s / (r + s + x)) + logA0);
    }

    private static double logA0(double r, double alpha, double s, double beta, int x, double tx, double T,
            double lnAlphaT, double lnBetaT) {
        if (tx == T) {
            return Double.NEGATIVE_INFINITY; // no time left to die in after the last purchase
        }
        return logDiffExp(
                logDropOutTerm(r, alpha, s, beta, x, tx, Math.log(alpha + tx), Math.log(beta + tx)),
                logDropOutTerm(r, alpha, s, beta, x, T, lnAlphaT, lnBetaT));
    }

    /**
     * ln F(t), F as in {@link #logLikelihood(int, double, double)}, given ln(α+t) and ln(β+t).
     *
     * <p>Summed directly, the 2F1 in F has terms that first grow by about a factor x and only decay
     * slowly when z is near 1, and (α+t)^(r+s+x) overflows for large x. Euler's transformation
     * 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) turns both branches into a series with a = 1,
     * whose terms are positive and shrink by a factor below z from the start ({@link
     * SpecialFunctions#hyp2f1UnitA}); the powers are then combined as logarithms:
     * <pre>
     *   α &gt;= β:  ln F(t) = -(r+x) ln(α+t) - s ln(β+t) + ln 2F1(1, r+x; r+s+x+1; (α-β)/(α+t))
     *   α &lt;  β:  ln F(t) = -(r+x) ln(α+t) - s ln(β+t) + ln((α+t)/(β+t)) + ln 2F1(1, s+1; r+s+x+1; (β-α)/(β+t))
     * </pre>
     * (1-z is (β+t)/(α+t) in the first branch and (α+t)/(β+t) in the second.) Both branches agree at α = β,
     * where z = 0.
     */
    static double logDropOutTerm(double r, double alpha, double s, double beta, int x, double t,
            double lnAlphaPlusT, double lnBetaPlusT) {
        double alive = -(r + x) * lnAlphaPlusT - s * lnBetaPlusT;
        double c = r + s + x + 1;
        if (alpha >= beta) {
            return alive + Math.log(hyp2f1UnitA(r + x, c, (alpha - beta) / (alpha + t)));
        }
        return alive + lnAlphaPlusT - lnBetaPlusT + Math.log(hyp2f1UnitA(s + 1, c, (beta - alpha) / (beta + t)));
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀): the share of the
     * likelihood that comes from the "still alive" term, with the odds formed in log space.
     */
    public double probabilityAlive(int x, double tx, double T) {
        PurchaseHistory.validate(x, tx, T);
        double lnAlphaT = Math.log(alpha + T);
        double lnBetaT = Math.log(beta + T);
        double alive = -(r + x) * lnAlphaT - s * lnBetaT;
        double logDeadOdds = Math.log(s / (r + s + x)) + logA0(r, alpha, s, beta, x, tx, T, lnAlphaT, lnBetaT) - alive;
        return 1.0 / (1.0 + Math.exp(logDeadOdds));
    }

    @Override
    public double pAlive(PurchaseHistory h) {
        return probabilityAlive(h.frequency(), h.recency(), h.age());
    }

    /**
     * E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive, x, T] (Fader and Hardie 2005).
     */
    public double expectedPurchases(double t, int x, double tx, double T) {
        requireHorizon(t);
        if (t == 0) {
            PurchaseHistory.validate(x, tx, T);
            return 0.0;
        }
        return probabilityAlive(x, tx, T) * expectedPurchasesIfAlive(x, T, t);
    }

    @Override
    public double expectedPurchases(PurchaseHistory h, double t) {
        return expectedPurchases(t, h.frequency(), h.recency(), h.age());
    }

    /**
     * E[Y(t) | alive at T, x, T] = (r+x)(β+T) / ((α+T)(s-1)) · [1 - ((β+T)/(β+T+t))^(s-1)]: given
     * survival to T, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T). The bracket over (s-1) is evaluated as
     * -expm1(-(s-1)u)/(s-1) with u = ln(1 + t/(β+T)), which tends smoothly to u at s = 1 (where the
     * printed formula is 0/0) and keeps full precision near it.
     */
    @Override
    public double expectedPurchasesIfAlive(int x, double T, double t) {
        PurchaseHistory.validate(x, 0, T);
        requireHorizon(t);
        double u = Math.log1p(t / (beta + T));
        double sMinus1 = s - 1;
        double lifetimeFactor = Math.abs(sMinus1 * u) < 1e-12 ? u : -Math.expm1(-sMinus1 * u) / sMinus1;
        return (r + x) * (beta + T) / (alpha + T) * lifetimeFactor;
    }

    private static void requireHorizon(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0, was " + t);
        }
    }
}
