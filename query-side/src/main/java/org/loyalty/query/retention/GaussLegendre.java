package org.loyalty.query.retention;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite Gauss-Legendre quadrature on [0, 1]: for the few expectations that have no usable closed
 * form (see {@link BgNbdModel#expectedPurchasesIfAlive}). Nodes are computed once by Newton's method
 * on the Legendre polynomial.
 */
final class GaussLegendre {

    private static final int ORDER = 32;
    private static final int PIECES = 8;
    private static final double[] NODES = new double[ORDER];
    private static final double[] WEIGHTS = new double[ORDER];

    static {
        for (int i = 0; i < ORDER; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (ORDER + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int n = 2; n <= ORDER; n++) {
                    double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = ORDER * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            NODES[i] = x;
            WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    private GaussLegendre() {
    }

    /** ∫_0^1 f(u) du; f must be smooth on the open interval (it is never evaluated at the ends). */
    static double integrateUnitInterval(DoubleUnaryOperator f) {
        double sum = 0;
        double width = 1.0 / PIECES;
        for (int piece = 0; piece < PIECES; piece++) {
            double middle = (piece + 0.5) * width;
            for (int i = 0; i < ORDER; i++) {
                sum += WEIGHTS[i] * f.applyAsDouble(middle + 0.5 * width * NODES[i]);
            }
        }
        return sum * 0.5 * width;
    }
}
