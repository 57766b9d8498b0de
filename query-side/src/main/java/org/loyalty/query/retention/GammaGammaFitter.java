package org.loyalty.query.retention;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maximum-likelihood fit of the {@link GammaGammaModel} on repeat buyers: customers with
 * x = 0 (or a zero mean spend) carry no spend information and are skipped. Identical
 * (x, m_x) pairs are merged; (ln p, ln q, ln γ) are optimised with {@link NelderMead}.
 */
public final class GammaGammaFitter {

    public record Fit(GammaGammaModel model, double logLikelihood, int customersUsed, int evaluations,
            boolean converged) {
    }

    private static final double LOG_BOUND = 30.0;

    private final NelderMead optimizer;
    private final double[] startLogParameters;

    /** Start at p = q = γ = 1 with {@link NelderMead#defaults()}. */
    public GammaGammaFitter() {
        this(NelderMead.defaults(), new GammaGammaModel(1, 1, 1));
    }

    public GammaGammaFitter(NelderMead optimizer, GammaGammaModel start) {
        this.optimizer = optimizer;
        this.startLogParameters = new double[] {Math.log(start.p()), Math.log(start.q()), Math.log(start.gamma())};
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
        int n = counts.size();
        int[] xs = new int[n];
        double[] ms = new double[n];
        double[] ws = new double[n];
        int i = 0;
        for (Map.Entry<SpendHistory, Integer> e : counts.entrySet()) {
            xs[i] = e.getKey().frequency();
            ms[i] = e.getKey().meanSpend();
            ws[i] = e.getValue();
            i++;
        }
        NelderMead.Result result = optimizer.minimize(theta -> {
            for (double v : theta) {
                if (!(Math.abs(v) <= LOG_BOUND)) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            double p = Math.exp(theta[0]);
            double q = Math.exp(theta[1]);
            double gamma = Math.exp(theta[2]);
            double sum = 0;
            for (int k = 0; k < xs.length; k++) {
                sum += ws[k] * GammaGammaModel.logLikelihood(p, q, gamma, xs[k], ms[k]);
            }
            return -sum;
        }, startLogParameters);
        double[] t = result.point();
        GammaGammaModel model = new GammaGammaModel(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]));
        return new Fit(model, -result.value(), used, result.evaluations(), result.converged());
    }
}
