package org.loyalty.query.retention;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maximum-likelihood fit of the {@link BgNbdModel}. Identical (x, t_x, T) triples are merged
 * with counts first; the summed log-likelihood is then maximised over (ln r, ln α, ln a, ln b), so
 * all four parameters stay positive, with {@link NelderMead} (restarts included).
 */
public final class BgNbdFitter {

    /** Fitted model, its total log-likelihood, and optimiser diagnostics. */
    public record Fit(BgNbdModel model, double logLikelihood, int customers, int distinctHistories,
            int evaluations, boolean converged) {
    }

    /** ln(param) is kept inside this box; outside, the objective is +∞. */
    private static final double LOG_BOUND = 30.0;

    private final NelderMead optimizer;
    private final double[] startLogParameters;

    /** Start at r = α = a = b = 1 with {@link NelderMead#defaults()}. */
    public BgNbdFitter() {
        this(NelderMead.defaults(), new BgNbdModel(1, 1, 1, 1));
    }

    public BgNbdFitter(NelderMead optimizer, BgNbdModel start) {
        this.optimizer = optimizer;
        this.startLogParameters = new double[] {
            Math.log(start.r()), Math.log(start.alpha()), Math.log(start.a()), Math.log(start.b())};
    }

    public Fit fit(Collection<PurchaseHistory> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit");
        }
        Map<PurchaseHistory, Integer> counts = new LinkedHashMap<>();
        for (PurchaseHistory h : customers) {
            counts.merge(h, 1, Integer::sum);
        }
        int m = counts.size();
        int[] xs = new int[m];
        double[] txs = new double[m];
        double[] ts = new double[m];
        double[] ws = new double[m];
        int i = 0;
        for (Map.Entry<PurchaseHistory, Integer> e : counts.entrySet()) {
            xs[i] = e.getKey().frequency();
            txs[i] = e.getKey().recency();
            ts[i] = e.getKey().age();
            ws[i] = e.getValue();
            i++;
        }
        NelderMead.Result result = optimizer.minimize(
                theta -> -totalLogLikelihood(theta, xs, txs, ts, ws), startLogParameters);
        double[] p = result.point();
        BgNbdModel model = new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new Fit(model, -result.value(), customers.size(), m, result.evaluations(), result.converged());
    }

    private static double totalLogLikelihood(double[] theta, int[] xs, double[] txs, double[] ts, double[] ws) {
        for (double v : theta) {
            if (!(Math.abs(v) <= LOG_BOUND)) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        double r = Math.exp(theta[0]);
        double alpha = Math.exp(theta[1]);
        double a = Math.exp(theta[2]);
        double b = Math.exp(theta[3]);
        double lnBab = SpecialFunctions.logBeta(a, b);
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            sum += ws[i] * BgNbdModel.logLikelihood(r, alpha, a, b, lnBab, xs[i], txs[i], ts[i]);
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }
}
