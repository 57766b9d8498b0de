package org.loyalty.query.retention;

import java.util.SplittableRandom;

/**
 * Gamma, beta, exponential and normal draws from a {@link SplittableRandom}, implemented here rather
 * than taken from {@code RandomGenerator.nextGaussian()} so that a seed gives the same population on
 * every JDK.
 */
final class RandomDraws {

    private final SplittableRandom random;

    RandomDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double uniform() {
        return random.nextDouble();
    }

    /** Exponential with the given rate. */
    double exponential(double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    /** Standard normal, Marsaglia's polar method. */
    double normal() {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /**
     * Gamma with the given shape and rate (mean shape/rate), by Marsaglia and Tsang (2000); a shape
     * below 1 is drawn as Gamma(shape + 1) · U^(1/shape).
     */
    double gamma(double shape, double rate) {
        if (shape < 1) {
            double u = 1.0 - random.nextDouble();
            return gamma(shape + 1, rate) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v / rate;
            }
        }
    }

    /** Beta(a, b) as G_a / (G_a + G_b). */
    double beta(double a, double b) {
        double x = gamma(a, 1);
        double y = gamma(b, 1);
        return x / (x + y);
    }
}
