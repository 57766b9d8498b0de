package org.loyalty.query.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * Customers simulated from known model parameters with a fixed seed: to check that a fitter recovers
 * the parameters, and for benchmarks. Each customer's first purchase falls uniformly in an acquisition
 * window, so T (the time from it to the end of the observation) is uniform in [minAge, maxAge]; with
 * a positive {@code timeGrain}, T and t_x are rounded down to whole grains, as event data recorded by
 * day are (1/7 of a week).
 */
public final class SyntheticPopulation {

    private SyntheticPopulation() {
    }

    /**
     * BG/NBD customers: λ ~ Gamma(r, α), p ~ Beta(a, b); exponential gaps between purchases while
     * alive, and after each repeat purchase the customer drops out with probability p.
     */
    public static List<PurchaseHistory> bgNbd(BgNbdModel model, int customers, double minAge, double maxAge,
            double timeGrain, long seed) {
        requireWindow(customers, minAge, maxAge, timeGrain);
        RandomDraws random = new RandomDraws(seed);
        List<PurchaseHistory> out = new ArrayList<>(customers);
        for (int n = 0; n < customers; n++) {
            double T = minAge + (maxAge - minAge) * random.uniform();
            double lambda = random.gamma(model.r(), model.alpha());
            double p = random.beta(model.a(), model.b());
            int x = 0;
            double tx = 0;
            double t = random.exponential(lambda);
            while (t <= T) {
                x++;
                tx = t;
                if (random.uniform() < p) {
                    break;
                }
                t += random.exponential(lambda);
            }
            out.add(observed(x, tx, T, timeGrain));
        }
        return out;
    }

    /**
     * Pareto/NBD customers: λ ~ Gamma(r, α), μ ~ Gamma(s, β), an exponential lifetime with rate μ
     * and exponential gaps between purchases while alive.
     */
    public static List<PurchaseHistory> paretoNbd(ParetoNbdModel model, int customers, double minAge,
            double maxAge, double timeGrain, long seed) {
        requireWindow(customers, minAge, maxAge, timeGrain);
        RandomDraws random = new RandomDraws(seed);
        List<PurchaseHistory> out = new ArrayList<>(customers);
        for (int n = 0; n < customers; n++) {
            double T = minAge + (maxAge - minAge) * random.uniform();
            double lambda = random.gamma(model.r(), model.alpha());
            double mu = random.gamma(model.s(), model.beta());
            double end = Math.min(T, random.exponential(mu));
            int x = 0;
            double tx = 0;
            for (double t = random.exponential(lambda); t <= end; t += random.exponential(lambda)) {
                x++;
                tx = t;
            }
            out.add(observed(x, tx, T, timeGrain));
        }
        return out;
    }

    /**
     * Gamma-Gamma mean spends for the given purchase histories (one per history, in order): ν ~
     * Gamma(q, γ) per customer and transaction values Gamma(p, ν), so the mean of x values is
     * Gamma(p x, ν x). Rounded to cents, as money is; customers with x = 0 get 0.
     */
    public static List<SpendHistory> gammaGammaSpend(GammaGammaModel model, List<PurchaseHistory> histories,
            long seed) {
        RandomDraws random = new RandomDraws(seed);
        List<SpendHistory> out = new ArrayList<>(histories.size());
        for (PurchaseHistory h : histories) {
            int x = h.frequency();
            double nu = random.gamma(model.q(), model.gamma());
            double mean = x == 0 ? 0.0 : Math.round(100 * random.gamma(model.p() * x, nu * x)) / 100.0;
            out.add(new SpendHistory(x, mean));
        }
        return out;
    }

    private static PurchaseHistory observed(int x, double tx, double T, double grain) {
        if (grain > 0) {
            T = Math.floor(T / grain) * grain;
            tx = Math.min(Math.floor(tx / grain) * grain, T);
        }
        return new PurchaseHistory(x, tx, T);
    }

    private static void requireWindow(int customers, double minAge, double maxAge, double timeGrain) {
        if (customers < 0 || !(minAge >= 0) || !(maxAge >= minAge) || Double.isInfinite(maxAge) || !(timeGrain >= 0)) {
            throw new IllegalArgumentException("invalid simulation window");
        }
    }
}
