package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.logBeta;
import static org.loyalty.query.retention.SpecialFunctions.logGamma;

import java.util.Collection;

/**
 * Maximum-likelihood fit of the {@link BgNbdModel}. Identical (x, t_x, T) triples are merged with
 * counts first ({@link DistinctHistories}); the mean log-likelihood per customer is then maximised over
 * (ln r, ln α, ln a, ln b), so all four parameters stay positive, with {@link NelderMead} (restarts
 * included). The mean rather than the sum keeps the optimiser's absolute tolerance meaningful for any
 * population size (the sum over 100,000 customers has rounding noise far above 1e-9).
 *
 * <p>Large populations are summed in parallel chunks ({@link ChunkedLoops}); the result does not
 * depend on whether that is switched on.
 */
public final class BgNbdFitter {

    /** Fitted model, its total log-likelihood, and optimiser diagnostics. */
    public record Fit(BgNbdModel model, double logLikelihood, int customers, int distinctHistories,
            int evaluations, boolean converged) {

        /** The same fit behind the model-independent interface. */
        public PurchaseModelFit asPurchaseModelFit() {
            return new PurchaseModelFit(model, logLikelihood, customers, distinctHistories, evaluations, converged);
        }
    }


    private final NelderMead optimizer;
    private final double[] startLogParameters;
    private final boolean parallel;

    /** Start at r = α = a = b = 1 with {@link NelderMead#defaults()}, in parallel. */
    public BgNbdFitter() {
        this(NelderMead.defaults(), new BgNbdModel(1, 1, 1, 1), true);
    }

    /** @param parallel whether the likelihood of large populations is summed on the common fork-join pool */
    public BgNbdFitter(NelderMead optimizer, BgNbdModel start, boolean parallel) {
        this.optimizer = optimizer;
        this.startLogParameters = new double[] {
            Math.log(start.r()), Math.log(start.alpha()), Math.log(start.a()), Math.log(start.b())};
        this.parallel = parallel;
    }

    public Fit fit(Collection<PurchaseHistory> customers) {
        DistinctHistories data = new DistinctHistories(customers);
        Likelihood likelihood = new Likelihood(data, parallel);
        NelderMead.Result result = optimizer.minimize(
                theta -> -likelihood.total(theta) / data.customers, startLogParameters);
        double[] p = result.point();
        BgNbdModel model = new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new Fit(model, likelihood.total(p), data.customers, data.size, result.evaluations(),
                result.converged());
    }

    /**
     * The summed log-likelihood, {@link BgNbdModel#logLikelihood(int, double, double)} rearranged so
     * that per evaluation the log-gammas are computed once per distinct x and ln(α+t) once per distinct
     * time; per triple only a log-sum-exp is left. Scratch arrays are reused between evaluations (the
     * optimiser calls it from one thread; the chunks only read them).
     */
    private static final class Likelihood {
        private final DistinctHistories data;
        private final boolean parallel;
        private final double[] common;
        private final double[] stillAlive;
        private final double[] droppedOut;
        private final double[] logAlphaPlusTime;

        Likelihood(DistinctHistories data, boolean parallel) {
            this.data = data;
            this.parallel = parallel;
            this.common = new double[data.xValues.length];
            this.stillAlive = new double[data.xValues.length];
            this.droppedOut = new double[data.xValues.length];
            this.logAlphaPlusTime = new double[data.timeValues.length];
        }

        double total(double[] theta) {
            if (!LogParameters.withinBounds(theta)) {
                return Double.NEGATIVE_INFINITY;
            }
            double r = Math.exp(theta[0]);
            double alpha = Math.exp(theta[1]);
            double a = Math.exp(theta[2]);
            double b = Math.exp(theta[3]);
            double lnBab = logBeta(a, b);
            double lnGammaR = logGamma(r);
            double rLnAlpha = r * Math.log(alpha);
            int[] xs = data.xValues;
            for (int i = 0; i < xs.length; i++) {
                int x = xs[i];
                common[i] = logGamma(r + x) - lnGammaR + rLnAlpha;
                stillAlive[i] = logBeta(a, b + x) - lnBab;
                droppedOut[i] = x == 0 ? Double.NEGATIVE_INFINITY : logBeta(a + 1, b + x - 1) - lnBab;
            }
            double[] times = data.timeValues;
            for (int j = 0; j < times.length; j++) {
                logAlphaPlusTime[j] = Math.log(alpha + times[j]);
            }
            double sum = ChunkedLoops.sum(data.size, parallel, (from, to) -> triples(r, from, to));
            return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
        }

        private double triples(double r, int from, int to) {
            int[] xs = data.xValues;
            double sum = 0;
            for (int k = from; k < to; k++) {
                int i = data.xIndex[k];
                double rx = r + xs[i];
                double alive = stillAlive[i] - rx * logAlphaPlusTime[data.ageIndex[k]];
                double ll;
                if (xs[i] == 0) {
                    ll = common[i] + alive;
                } else {
                    double dropped = droppedOut[i] - rx * logAlphaPlusTime[data.recencyIndex[k]];
                    // log-sum-exp; ln(1 + e) rather than log1p: the absolute error is the same (~1e-16)
                    // and Math.log is an intrinsic, several times faster than Math.log1p.
                    double max = Math.max(alive, dropped);
                    ll = common[i] + max + Math.log(1 + Math.exp(Math.min(alive, dropped) - max));
                }
                sum += data.count[k] * ll;
            }
            return sum;
        }
    }
}
