package org.loyalty.bench.load;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The enrolled members with BG/NBD-like purchase behaviour: each member's purchase rate is drawn from a gamma
 * distribution (shape {@code r}: a few regulars, many occasional buyers) and, after every purchase, the member drops
 * out with a probability drawn from a beta distribution (a, b). A run compresses months into minutes, so the
 * dropout probabilities are scaled down ({@code dropoutScale}) or the whole population would be gone after a few
 * thousand purchases; a purchase drawn for a member who dropped out is drawn again, and after a few misses any
 * member is taken (a lapsed member coming back).
 */
final class Population {

    final List<String> ids;
    private final double[] cumulative;
    private final double[] dropout;
    private final AtomicIntegerArray gone;
    /** The newest balance the platform answered for each member (purchases, returns and redemptions answer it). */
    final AtomicLongArray knownBalance;

    Population(List<String> ids, double shape, double dropoutA, double dropoutB, double dropoutScale, long seed) {
        this.ids = ids;
        int n = ids.size();
        SplittableRandom random = new SplittableRandom(seed);
        cumulative = new double[n];
        dropout = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gamma(random, shape);
            cumulative[i] = sum;
            double x = gamma(random, dropoutA);
            dropout[i] = dropoutScale * x / (x + gamma(random, dropoutB));
        }
        gone = new AtomicIntegerArray(n);
        knownBalance = new AtomicLongArray(n);
    }

    /** A member to purchase (or open the app), in proportion to their purchase rates. */
    int drawActive() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 8; attempt++) {
            int member = byRate(random);
            if (gone.get(member) == 0) {
                return member;
            }
        }
        int lapsed = random.nextInt(ids.size());
        gone.set(lapsed, 0);
        return lapsed;
    }

    int byRate(ThreadLocalRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = java.util.Arrays.binarySearch(cumulative, x);
        return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
    }

    void purchased(int member) {
        if (ThreadLocalRandom.current().nextDouble() < dropout[member]) {
            gone.set(member, 1);
        }
    }

    /** Marsaglia and Tsang's method; shape below 1 by the boost x U^(1/shape). */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
