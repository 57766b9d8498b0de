package org.loyalty.query.retention;

import static org.loyalty.query.retention.SpecialFunctions.logGamma;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximum-likelihood fit of the {@link GammaGammaModel} on repeat buyers: customers with
 * x = 0 (or a zero mean spend) carry no spend information and are skipped. Identical
 * (x, m_x) pairs are merged; the mean log-likelihood per customer is maximised over
 * (ln p, ln q, ln γ) with {@link NelderMead}.
 *
 * <p>The likelihood surface has long ridges on which Nelder-Mead can stall far from the optimum (seen on a small
 * population with few, very different spend levels: it ran q and γ off to 10^7 and 10^9, which shrinks every member
 * to the population mean). Without a given start the fitter therefore starts from (1, 1, 1) and from three points
 * that match the observed mean spend with different shapes, and keeps the best fit.
 *
 * <p>Per evaluation, the log-gammas are computed once per distinct x and ln m_x once per fit, which
 * leaves one logarithm per distinct pair; large populations are summed in parallel chunks ({@link
 * ChunkedLoops}, same result either way).
 */
public final class GammaGammaFitter {

    public record Fit(GammaGammaModel model, double logLikelihood, int customersUsed, int evaluations,
            boolean converged) {
    }


    /** (p, q) of the data-driven starts; γ is set so that the population mean p γ / (q - 1) is the observed mean. */
    private static final double[][] SHAPES = {{1, 2}, {4, 3}, {16, 4}};

    private final NelderMead optimizer;
    private final double[] startLogParameters;
    private final boolean parallel;

    /** Several starts (see above) with {@link NelderMead#defaults()}, in parallel. */
    public GammaGammaFitter() {
        this.optimizer = NelderMead.defaults();
        this.startLogParameters = null;
        this.parallel = true;
    }

    public GammaGammaFitter(NelderMead optimizer, GammaGammaModel start, boolean parallel) {
        this.optimizer = optimizer;
        this.startLogParameters = new double[] {Math.log(start.p()), Math.log(start.q()), Math.log(start.gamma())};
        this.parallel = parallel;
    }

    public Fit fit(Collection<SpendHistory> customers) {
        Map<SpendHistory, Integer> counts = new LinkedHashMap<>();
        int used = 0;
        for (SpendHistory h : customers) {
            if (h.frequency() > 0 && h.meanSpend() > 0) {
                counts.merge(h, 1, Integer::sum);
                used++;
            }
        }
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no repeat buyers with positive spend to fit");
        }
        Likelihood likelihood = new Likelihood(counts, parallel);
        int n = used;
        List<double[]> starts = new ArrayList<>();
        if (startLogParameters != null) {
            starts.add(startLogParameters);
        } else {
            double meanSpend = counts.entrySet().stream().mapToDouble(e -> e.getKey().meanSpend() * e.getValue()).sum() / n;
            starts.add(new double[] {0, 0, 0});
            for (double[] shape : SHAPES) {
                starts.add(new double[] {Math.log(shape[0]), Math.log(shape[1]), Math.log(meanSpend * (shape[1] - 1) / shape[0])});
            }
        }
        Fit best = null;
        int evaluations = 0;
        for (double[] start : starts) {
            NelderMead.Result result = optimizer.minimize(theta -> -likelihood.total(theta) / n, start);
            evaluations += result.evaluations();
            double[] t = result.point();
            double logLikelihood = likelihood.total(t);
            if (best == null || logLikelihood > best.logLikelihood()) {
                best = new Fit(new GammaGammaModel(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2])), logLikelihood, used, 0,
                        result.converged());
            }
        }
        return new Fit(best.model(), best.logLikelihood(), used, evaluations, best.converged());
    }

    /** {@link GammaGammaModel#logLikelihood(int, double)} summed over the distinct (x, m_x) pairs. */
    private static final class Likelihood {
        private final boolean parallel;
        private final int size;
        private final double[] count;
        private final int[] xIndex;
        private final double[] spend;
        private final double[] logSpend;
        private final int[] xValues;
        private final double[] logX;
        private final double[] perX;

        Likelihood(Map<SpendHistory, Integer> counts, boolean parallel) {
            this.parallel = parallel;
            this.size = counts.size();
            this.count = new double[size];
            this.xIndex = new int[size];
            this.spend = new double[size];
            this.logSpend = new double[size];
            Map<Integer, Integer> xs = new LinkedHashMap<>();
            int k = 0;
            for (Map.Entry<SpendHistory, Integer> e : counts.entrySet()) {
                count[k] = e.getValue();
                xIndex[k] = xs.computeIfAbsent(e.getKey().frequency(), key -> xs.size());
                spend[k] = e.getKey().meanSpend();
                logSpend[k] = Math.log(spend[k]);
                k++;
            }
            this.xValues = xs.keySet().stream().mapToInt(Integer::intValue).toArray();
            this.logX = new double[xValues.length];
            for (int i = 0; i < xValues.length; i++) {
                logX[i] = Math.log(xValues[i]);
            }
            this.perX = new double[xValues.length];
        }

        double total(double[] theta) {
            if (!LogParameters.withinBounds(theta)) {
                return Double.NEGATIVE_INFINITY;
            }
            double p = Math.exp(theta[0]);
            double q = Math.exp(theta[1]);
            double gamma = Math.exp(theta[2]);
            // Γ(px+q)/(Γ(px)Γ(q)) · γ^q · x^(px): everything that does not involve m_x.
            double base = -logGamma(q) + q * Math.log(gamma);
            for (int i = 0; i < xValues.length; i++) {
                double px = p * xValues[i];
                perX[i] = logGamma(px + q) - logGamma(px) + base + px * logX[i];
            }
            double sum = ChunkedLoops.sum(size, parallel, (from, to) -> {
                double partial = 0;
                for (int k = from; k < to; k++) {
                    int i = xIndex[k];
                    double px = p * xValues[i];
                    partial += count[k] * (perX[i] + (px - 1) * logSpend[k]
                            - (px + q) * Math.log(gamma + xValues[i] * spend[k]));
                }
                return partial;
            });
            return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
        }
    }
}
