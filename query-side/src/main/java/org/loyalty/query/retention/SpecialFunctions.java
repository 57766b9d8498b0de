package org.loyalty.query.retention;

/** Log-gamma, log-beta, log-sum-exp and the Gaussian hypergeometric series, in plain Java. */
public final class SpecialFunctions {

    /** Lanczos coefficients (g = 671/128, n = 14; Numerical Recipes, 3rd ed., sec. 6.1). */
    private static final double[] LANCZOS = {
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
        0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
        -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
        0.368991826595316234e-5};
    private static final double LANCZOS_G = 671.0 / 128.0;
    private static final double SQRT_2PI = 2.5066282746310005;

    private static final int HYP2F1_MAX_TERMS = 1_000_000;

    private SpecialFunctions() {
    }

    /**
     * ln Γ(x) for x &gt; 0 (relative error about 1e-15, absolute error well below 1e-12 over the
     * range used here). Returns NaN for x &lt;= 0 or NaN, +∞ for x = +∞.
     */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < 0.5) {
            // ln Γ(x) = ln Γ(x + 1) - ln x keeps full relative accuracy for tiny x.
            return logGamma(x + 1.0) - Math.log(x);
        }
        double tmp = x + LANCZOS_G;
        tmp = (x + 0.5) * Math.log(tmp) - tmp;
        double ser = 0.999999999999997092;
        double y = x;
        for (double c : LANCZOS) {
            ser += c / ++y;
        }
        return tmp + Math.log(SQRT_2PI * ser / x);
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b) for a, b &gt; 0. */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln(e^u + e^v) without overflow or underflow. */
    public static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    /**
     * ln(e^u - e^v) for u &gt;= v, without overflow or underflow; -∞ when v &gt;= u (the difference is
     * zero, or below rounding error).
     */
    public static double logDiffExp(double u, double v) {
        if (!(v < u)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        return u + Math.log1p(-Math.exp(v - u));
    }

    /**
     * The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1 and c &gt; 0, summed
     * as its power series with the term recurrence t_{k+1} = t_k (a+k)(b+k) z / ((c+k)(k+1)) until
     * the terms stop contributing at double precision (the series terminates if a or b is a
     * non-positive integer).
     *
     * @throws ArithmeticException if the series fails to converge within a million terms
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("z must lie in [0, 1), was " + z);
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("c must be > 0, was " + c);
        }
        double term = 1.0;
        double sum = 1.0;
        int quiet = 0;
        for (int k = 0; k < HYP2F1_MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
            if (term == 0.0) {
                return sum;
            }
            sum += term;
            if (!Double.isFinite(sum)) {
                throw new ArithmeticException("2F1 series overflowed");
            }
            // Past the peak (ratio of successive terms below 1) the tail is bounded by a geometric
            // series, term * ratio / (1 - ratio); stop when that is negligible twice in a row.
            double ratio = Math.abs((a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2.0)) * z);
            if (ratio < 1 && Math.abs(term) * ratio <= 1e-16 * Math.abs(sum) * (1 - ratio)) {
                if (++quiet >= 2) {
                    return sum;
                }
            } else {
                quiet = 0;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }

    /** Enough for z up to about 1 - 1e-6; beyond that the Pareto/NBD parameters are degenerate anyway. */
    private static final int HYP2F1_UNIT_A_MAX_TERMS = 50_000_000;

    /**
     * 2F1(1, b; c; z) for 0 &lt;= b &lt; c and 0 &lt;= z &lt; 1: the shape the Pareto/NBD terms take after
     * Euler's transformation. Every term is positive and each is smaller than the one before by the
     * factor (b+k)/(c+k)·z &lt; z, so the sum is free of cancellation and the rest of the series after
     * a term is at most term·z/(1-z); the loop stops once that bound is below double precision. Cheaper
     * than {@link #hyp2f1} (one division per term, no separate ratio for the stopping rule).
     *
     * @throws ArithmeticException if z is so close to 1 that the series needs more than 50 million terms
     */
    public static double hyp2f1UnitA(double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("z must lie in [0, 1), was " + z);
        }
        if (!(b >= 0 && c > b)) {
            throw new IllegalArgumentException("need 0 <= b < c, was b " + b + ", c " + c);
        }
        double tailFactor = z / (1 - z);
        double term = 1.0;
        double sum = 1.0;
        for (int k = 0; k < HYP2F1_UNIT_A_MAX_TERMS; k++) {
            term *= (b + k) / (c + k) * z;
            sum += term;
            if (term * tailFactor <= 1e-17 * sum) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(1, " + b + "; " + c + "; " + z + ") did not converge");
    }
}
