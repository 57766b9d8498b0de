package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.logDiffExp;
import static org.loyalty.query.retention.SpecialFunctions.logGamma;

import java.util.Collection;

/**
 * Maximum-likelihood fit of the {@link ParetoNbdModel}: identical (x, t_x, T) triples are merged
 * ({@link DistinctHistories}) and the mean log-likelihood per customer is maximised over
 * (ln r, ln α, ln s, ln β) with {@link NelderMead}.
 *
 * <p>Unless a start is given, the search starts from a point scaled to the data, so that it does not
 * matter whether time is in days or weeks: r = s = 1 and α = T̄ / (1 + x̄), which makes the mean
 * purchase rate r/α the observed rate (1 + x̄)/T̄ (first purchase included), and β = T̄, a mean
 * lifetime of the order of the observation window.
 *
 * <p>Large populations are evaluated in parallel chunks ({@link ChunkedLoops}); the result does not
 * depend on whether that is switched on.
 */
public final class ParetoNbdFitter {

    /** Fitted model, its total log-likelihood, and optimiser diagnostics. */
    public record Fit(ParetoNbdModel model, double logLikelihood, int customers, int distinctHistories,
            int evaluations, boolean converged) {

        /** The same fit behind the model-independent interface. */
        public PurchaseModelFit asPurchaseModelFit() {
            return new PurchaseModelFit(model, logLikelihood, customers, distinctHistories, evaluations, converged);
        }
    }


    private final NelderMead optimizer;
    private final ParetoNbdModel start;
    private final boolean parallel;

    /** Data-scaled start (see the class comment) with {@link NelderMead#defaults()}, in parallel. */
    public ParetoNbdFitter() {
        this(NelderMead.defaults(), null, true);
    }

    /**
     * @param start the starting point, or null for the data-scaled one
     * @param parallel whether large populations are evaluated on the common fork-join pool
     */
    public ParetoNbdFitter(NelderMead optimizer, ParetoNbdModel start, boolean parallel) {
        this.optimizer = optimizer;
        this.start = start;
        this.parallel = parallel;
    }

    public Fit fit(Collection<PurchaseHistory> customers) {
        DistinctHistories data = new DistinctHistories(customers);
        ParetoNbdModel from = start != null ? start : scaledStart(data);
        double[] startLog = {Math.log(from.r()), Math.log(from.alpha()), Math.log(from.s()), Math.log(from.beta())};
        Likelihood likelihood = new Likelihood(data, parallel);
        NelderMead.Result result = optimizer.minimize(theta -> -likelihood.total(theta) / data.customers, startLog);
        double[] p = result.point();
        ParetoNbdModel model = new ParetoNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new Fit(model, likelihood.total(p), data.customers, data.size, result.evaluations(),
                result.converged());
    }

    private static ParetoNbdModel scaledStart(DistinctHistories data) {
        double meanAge = data.meanAge > 0 ? data.meanAge : 1.0;
        return new ParetoNbdModel(1.0, meanAge / (1.0 + data.meanFrequency), 1.0, meanAge);
    }

    /**
     * The summed log-likelihood, {@link ParetoNbdModel#logLikelihood(int, double, double)} rearranged
     * so that per evaluation the log-gammas are computed once per distinct x, the logarithms once per
     * distinct time, and the hypergeometric series (the expensive part) once per distinct (x, time)
     * pair rather than twice per customer.
     */
    private static final class Likelihood {
        private final DistinctHistories data;
        private final boolean parallel;
        private final double[] common;
        private final double[] logDropOutWeight;
        private final double[] logAlphaPlusTime;
        private final double[] logBetaPlusTime;
        private final double[] logDropOutTerm;

        Likelihood(DistinctHistories data, boolean parallel) {
            this.data = data;
            this.parallel = parallel;
            this.common = new double[data.xValues.length];
            this.logDropOutWeight = new double[data.xValues.length];
            this.logAlphaPlusTime = new double[data.timeValues.length];
            this.logBetaPlusTime = new double[data.timeValues.length];
            this.logDropOutTerm = new double[data.pairX.length];
        }

        double total(double[] theta) {
            if (!LogParameters.withinBounds(theta)) {
                return Double.NEGATIVE_INFINITY;
            }
            double r = Math.exp(theta[0]);
            double alpha = Math.exp(theta[1]);
            double s = Math.exp(theta[2]);
            double beta = Math.exp(theta[3]);
            double base = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
            int[] xs = data.xValues;
            for (int i = 0; i < xs.length; i++) {
                common[i] = logGamma(r + xs[i]) + base;
                logDropOutWeight[i] = Math.log(s / (r + s + xs[i]));
            }
            double[] times = data.timeValues;
            for (int j = 0; j < times.length; j++) {
                logAlphaPlusTime[j] = Math.log(alpha + times[j]);
                logBetaPlusTime[j] = Math.log(beta + times[j]);
            }
            try {
                ChunkedLoops.run(logDropOutTerm.length, parallel, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        int j = data.pairTime[p];
                        logDropOutTerm[p] = ParetoNbdModel.logDropOutTerm(r, alpha, s, beta, xs[data.pairX[p]],
                                times[j], logAlphaPlusTime[j], logBetaPlusTime[j]);
                    }
                });
            } catch (ArithmeticException e) {
                return Double.NEGATIVE_INFINITY; // a series that will not converge: parameters far off the optimum
            }
            double sum = ChunkedLoops.sum(data.size, parallel, (from, to) -> triples(r, s, from, to));
            return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
        }

        private double triples(double r, double s, int from, int to) {
            int[] xs = data.xValues;
            double sum = 0;
            for (int k = from; k < to; k++) {
                int i = data.xIndex[k];
                int age = data.ageIndex[k];
                double alive = -(r + xs[i]) * logAlphaPlusTime[age] - s * logBetaPlusTime[age];
                double ll;
                if (data.recencyIndex[k] == age) {
                    ll = common[i] + alive; // t_x = T: A₀ = 0
                } else {
                    double dropped = logDropOutWeight[i]
                            + logDiffExp(logDropOutTerm[data.recencyPair[k]], logDropOutTerm[data.agePair[k]]);
                    double max = Math.max(alive, dropped);
                    ll = common[i] + max + Math.log(1 + Math.exp(Math.min(alive, dropped) - max));
                }
                sum += data.count[k] * ll;
            }
            return sum;
        }
    }
}
