package org.loyalty.bench.retention;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loyalty.query.retention.BgNbdModel;
import org.loyalty.query.retention.NelderMead;
import org.loyalty.query.retention.PurchaseHistory;
import org.loyalty.query.retention.SpecialFunctions;

/**
 * The BG/NBD fitter as it was before the retention benchmark (commit 4192914), kept here to measure the
 * "before" figure in the same run: identical triples merged, but the full per-customer likelihood
 * (eight log-gammas, two logarithms, a log-sum-exp) evaluated for every distinct triple on every
 * evaluation, the summed (not mean) log-likelihood minimised, single-threaded. The kernel is the
 * formula of {@code BgNbdModel.logLikelihood}, which is package-private there.
 */
final class OriginalBgNbdFitter {

    private static final double LOG_BOUND = 30.0;

    private OriginalBgNbdFitter() {
    }

    static NelderMead.Result fit(Collection<PurchaseHistory> customers) {
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
        return NelderMead.defaults().minimize(theta -> -totalLogLikelihood(theta, xs, txs, ts, ws), new double[4]);
    }

    static BgNbdModel model(NelderMead.Result result) {
        double[] p = result.point();
        return new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
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
            sum += ws[i] * logLikelihood(r, alpha, a, b, lnBab, xs[i], txs[i], ts[i]);
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    private static double logLikelihood(double r, double alpha, double a, double b, double lnBab,
            int x, double tx, double T) {
        double common = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha);
        double stillAlive = SpecialFunctions.logBeta(a, b + x) - lnBab - (r + x) * Math.log(alpha + T);
        if (x == 0) {
            return common + stillAlive;
        }
        double droppedOut = SpecialFunctions.logBeta(a + 1, b + x - 1) - lnBab - (r + x) * Math.log(alpha + tx);
        return common + SpecialFunctions.logSumExp(stillAlive, droppedOut);
    }
}
