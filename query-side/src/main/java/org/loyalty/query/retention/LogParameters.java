package org.loyalty.query.retention;

/**
 * The fitters optimise the logarithms of their (positive) parameters. Beyond e^±30 a parameter is
 * numerically meaningless and the likelihood overflows, so such points count as impossible.
 */
final class LogParameters {

    static final double BOUND = 30.0;

    private LogParameters() {
    }

    static boolean withinBounds(double[] theta) {
        for (double v : theta) {
            if (!(Math.abs(v) <= BOUND)) {
                return false;
            }
        }
        return true;
    }
}
