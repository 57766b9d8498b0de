package org.loyalty.query.retention;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead downhill simplex minimiser (standard coefficients: reflection 1, expansion 2,
 * contraction 1/2, shrink 1/2) with restarts: after each convergence a fresh simplex is built
 * around the best point, and the search stops once a restart no longer improves the minimum by
 * more than the tolerance. Non-finite objective values are treated as +∞, so the objective may
 * simply return NaN or +∞ outside its domain.
 */
public final class NelderMead {

    /** Outcome of a minimisation. */
    public record Result(double[] point, double value, int evaluations, boolean converged) {
        public Result {
            point = point.clone();
        }

        @Override
        public double[] point() {
            return point.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result other && Arrays.equals(point, other.point)
                    && Double.compare(value, other.value) == 0 && evaluations == other.evaluations
                    && converged == other.converged;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(point), value, evaluations, converged);
        }

        @Override
        public String toString() {
            return "Result[point=" + Arrays.toString(point) + ", value=" + value + ", evaluations="
                    + evaluations + ", converged=" + converged + "]";
        }
    }

    private final double initialStep;
    private final double functionTolerance;
    private final double pointTolerance;
    private final int maxEvaluations;
    private final int maxRestarts;

    /**
     * @param initialStep edge length of each (re)started simplex along every axis
     * @param functionTolerance convergence when the simplex's function values span at most this
     *     (absolute) amount, and the restart improvement threshold
     * @param pointTolerance convergence also needs all vertices within this distance (per
     *     coordinate) of the best vertex
     * @param maxEvaluations budget of objective evaluations over all restarts
     * @param maxRestarts restarts after the first run
     */
    public NelderMead(double initialStep, double functionTolerance, double pointTolerance,
            int maxEvaluations, int maxRestarts) {
        if (!(initialStep > 0) || !(functionTolerance > 0) || !(pointTolerance > 0)
                || maxEvaluations < 1 || maxRestarts < 0) {
            throw new IllegalArgumentException("invalid Nelder-Mead settings");
        }
        this.initialStep = initialStep;
        this.functionTolerance = functionTolerance;
        this.pointTolerance = pointTolerance;
        this.maxEvaluations = maxEvaluations;
        this.maxRestarts = maxRestarts;
    }

    /** Defaults suited to a handful of log-parameters: step 0.5, value tolerance 1e-9, point tolerance 1e-7, 20,000 evaluations, 10 restarts. */
    public static NelderMead defaults() {
        return new NelderMead(0.5, 1e-9, 1e-7, 20_000, 10);
    }

    public Result minimize(ToDoubleFunction<double[]> objective, double[] start) {
        int[] evaluations = {0};
        ToDoubleFunction<double[]> f = x -> {
            evaluations[0]++;
            double v = objective.applyAsDouble(x);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        };
        double[] best = start.clone();
        double bestValue = f.applyAsDouble(best);
        if (bestValue == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("objective is not finite at the start point");
        }
        boolean converged = false;
        for (int run = 0; run <= maxRestarts && evaluations[0] < maxEvaluations; run++) {
            double before = bestValue;
            RunResult rr = runOnce(f, best, bestValue, evaluations);
            best = rr.point;
            bestValue = rr.value;
            converged = rr.converged;
            if (run > 0 && before - bestValue <= functionTolerance) {
                break;
            }
        }
        return new Result(best, bestValue, evaluations[0], converged);
    }

    private record RunResult(double[] point, double value, boolean converged) {
    }

    private RunResult runOnce(ToDoubleFunction<double[]> f, double[] start, double startValue, int[] evaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        values[0] = startValue;
        for (int i = 0; i < n; i++) {
            double[] v = start.clone();
            v[i] += initialStep;
            simplex[i + 1] = v;
            values[i + 1] = f.applyAsDouble(v);
        }
        Integer[] order = new Integer[n + 1];
        double[] centroid = new double[n];
        while (true) {
            // Sort vertices by value.
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
            double[][] s = new double[n + 1][];
            double[] fv = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                s[i] = simplex[order[i]];
                fv[i] = values[order[i]];
            }
            System.arraycopy(s, 0, simplex, 0, n + 1);
            System.arraycopy(fv, 0, values, 0, n + 1);

            if (hasConverged(simplex, values)) {
                return new RunResult(simplex[0], values[0], true);
            }
            if (evaluations[0] >= maxEvaluations) {
                return new RunResult(simplex[0], values[0], false);
            }

            Arrays.fill(centroid, 0.0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] worst = simplex[n];
            double[] reflected = along(centroid, worst, 1.0);
            double fr = f.applyAsDouble(reflected);
            if (fr < values[0]) {
                double[] expanded = along(centroid, worst, 2.0);
                double fe = f.applyAsDouble(expanded);
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                boolean outside = fr < values[n];
                double[] contracted = along(centroid, worst, outside ? 0.5 : -0.5);
                double fc = f.applyAsDouble(contracted);
                if (fc < (outside ? fr : values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        double[] v = new double[n];
                        for (int j = 0; j < n; j++) {
                            v[j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
                        }
                        simplex[i] = v;
                        values[i] = f.applyAsDouble(v);
                    }
                }
            }
        }
    }

    /** centroid + coefficient * (centroid - worst). */
    private static double[] along(double[] centroid, double[] worst, double coefficient) {
        double[] p = new double[centroid.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = centroid[j] + coefficient * (centroid[j] - worst[j]);
        }
        return p;
    }

    private boolean hasConverged(double[][] simplex, double[] values) {
        if (!Double.isFinite(values[values.length - 1])) {
            return false;
        }
        if (values[values.length - 1] - values[0] > functionTolerance) {
            return false;
        }
        for (int i = 1; i < simplex.length; i++) {
            for (int j = 0; j < simplex[0].length; j++) {
                if (Math.abs(simplex[i][j] - simplex[0][j]) > pointTolerance) {
                    return false;
                }
            }
        }
        return true;
    }
}
