package org.loyalty.bench.retention;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.loyalty.query.retention.BgNbdFitter;
import org.loyalty.query.retention.BgNbdModel;
import org.loyalty.query.retention.CustomerLifetimeValue;
import org.loyalty.query.retention.GammaGammaFitter;
import org.loyalty.query.retention.GammaGammaModel;
import org.loyalty.query.retention.NelderMead;
import org.loyalty.query.retention.ParetoNbdFitter;
import org.loyalty.query.retention.ParetoNbdModel;
import org.loyalty.query.retention.PurchaseHistory;
import org.loyalty.query.retention.PurchaseModel;
import org.loyalty.query.retention.SpendHistory;
import org.loyalty.query.retention.SyntheticPopulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fits on 100,000 and scoring of 1,000,000 synthetic members, each operation timed once per iteration
 * (single-shot: a fit or a scoring run is a batch job, its whole duration is the figure), after warm-up
 * iterations that let the JIT compile the hot loops.
 *
 * <p>Members are simulated from BG/NBD r 0.25, α 4, a 0.8, b 2.5 (weeks; near the CDNOW estimates) and
 * Gamma-Gamma p 6, q 4, γ 15, with first purchases spread over 26 weeks and an observation end 52
 * weeks after the earliest, times recorded by day (1/7 week) as event data are. Seeds are fixed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class RetentionBenchmark {

    static final BgNbdModel TRUE_BG_NBD = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
    static final GammaGammaModel TRUE_SPEND = new GammaGammaModel(6, 4, 15);
    static final int FIT_MEMBERS = 100_000;
    static final int SCORED_MEMBERS = 1_000_000;
    static final double DAY = 1.0 / 7;
    /** E[Y(90 days)] in weeks. */
    static final double NINETY_DAYS = 90 * DAY;
    /** CLV: 52 weeks in monthly periods at 1% a month. */
    static final CustomerLifetimeValue.Settings CLV = new CustomerLifetimeValue.Settings(52, 52.0 / 12, 0.01);

    List<PurchaseHistory> fitPurchases;
    List<SpendHistory> fitSpend;
    PurchaseHistory[] scored;
    BigDecimal[] scoredSpend;
    BgNbdModel bgNbd;
    ParetoNbdModel paretoNbd;
    GammaGammaModel spend;

    double[] pAlive;
    double[] next90Days;
    BigDecimal[] clv;

    @Setup(Level.Trial)
    public void simulateAndFitOnce() {
        fitPurchases = SyntheticPopulation.bgNbd(TRUE_BG_NBD, FIT_MEMBERS, 26, 52, DAY, 20_261_124L);
        fitSpend = SyntheticPopulation.gammaGammaSpend(TRUE_SPEND, fitPurchases, 20_261_125L);
        List<PurchaseHistory> population = SyntheticPopulation.bgNbd(TRUE_BG_NBD, SCORED_MEMBERS, 26, 52, DAY, 20_261_126L);
        List<SpendHistory> populationSpend = SyntheticPopulation.gammaGammaSpend(TRUE_SPEND, population, 20_261_127L);
        scored = population.toArray(PurchaseHistory[]::new);
        scoredSpend = populationSpend.stream().map(s -> BigDecimal.valueOf(s.meanSpend()).setScale(2)).toArray(BigDecimal[]::new);
        pAlive = new double[SCORED_MEMBERS];
        next90Days = new double[SCORED_MEMBERS];
        clv = new BigDecimal[SCORED_MEMBERS];

        BgNbdFitter.Fit bg = new BgNbdFitter().fit(fitPurchases);
        ParetoNbdFitter.Fit pareto = new ParetoNbdFitter().fit(fitPurchases);
        GammaGammaFitter.Fit gg = new GammaGammaFitter().fit(fitSpend);
        bgNbd = bg.model();
        paretoNbd = pareto.model();
        spend = gg.model();
        long repeatBuyers = fitPurchases.stream().filter(h -> h.frequency() > 0).count();
        System.out.printf(Locale.ROOT, "[setup] fit population: %,d members, %,d distinct (x, t_x, T), %,d repeat buyers;"
                + " scored population: %,d members, %,d distinct (x, T)%n", FIT_MEMBERS, bg.distinctHistories(),
                repeatBuyers, SCORED_MEMBERS, distinctFrequencyAge(population));
        System.out.printf(Locale.ROOT, "[setup] BG/NBD fit: r %.4f, alpha %.4f, a %.4f, b %.4f (true 0.25, 4, 0.8, 2.5),"
                + " LL %.2f, %d evaluations, converged %s%n", bgNbd.r(), bgNbd.alpha(), bgNbd.a(), bgNbd.b(),
                bg.logLikelihood(), bg.evaluations(), bg.converged());
        System.out.printf(Locale.ROOT, "[setup] Pareto/NBD fit: r %.4f, alpha %.4f, s %.4f, beta %.4f, LL %.2f,"
                + " %d evaluations, converged %s%n", paretoNbd.r(), paretoNbd.alpha(), paretoNbd.s(), paretoNbd.beta(),
                pareto.logLikelihood(), pareto.evaluations(), pareto.converged());
        System.out.printf(Locale.ROOT, "[setup] Gamma-Gamma fit: p %.4f, q %.4f, gamma %.4f (true 6, 4, 15), %,d repeat"
                + " buyers, %d evaluations, converged %s%n", spend.p(), spend.q(), spend.gamma(), gg.customersUsed(),
                gg.evaluations(), gg.converged());
    }

    private static int distinctFrequencyAge(List<PurchaseHistory> population) {
        HashSet<Long> keys = new HashSet<>();
        for (PurchaseHistory h : population) {
            keys.add(((long) h.frequency() << 32) ^ Double.doubleToLongBits(h.age()));
        }
        return keys.size();
    }

    // ---- (a) fits on 100,000 members ----

    /** Target: under 2 seconds. Parallel chunks on the common pool (2 cores here). */
    @Benchmark
    public BgNbdFitter.Fit fitBgNbd() {
        return new BgNbdFitter().fit(fitPurchases);
    }

    /** The same fit on one core, to show what the parallel chunks contribute. */
    @Benchmark
    public BgNbdFitter.Fit fitBgNbdOneCore() {
        return new BgNbdFitter(NelderMead.defaults(), new BgNbdModel(1, 1, 1, 1), false).fit(fitPurchases);
    }

    /** Before: the fitter as it was (see {@link OriginalBgNbdFitter}); slow, so fewer iterations. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public NelderMead.Result fitBgNbdBefore() {
        return OriginalBgNbdFitter.fit(fitPurchases);
    }

    @Benchmark
    public ParetoNbdFitter.Fit fitParetoNbd() {
        return new ParetoNbdFitter().fit(fitPurchases);
    }

    @Benchmark
    public GammaGammaFitter.Fit fitGammaGamma() {
        return new GammaGammaFitter().fit(fitSpend);
    }

    // ---- (b) scoring 1,000,000 members: P(alive), E[Y(90 days)], CLV ----

    /** Target: under 5 seconds. One thread, a fresh CLV (its (x, T) cache starts empty). */
    @Benchmark
    public double scoreBgNbd() {
        return score(bgNbd, false);
    }

    @Benchmark
    public double scoreBgNbdParallel() {
        return score(bgNbd, true);
    }

    @Benchmark
    public double scoreParetoNbd() {
        return score(paretoNbd, false);
    }

    private double score(PurchaseModel model, boolean parallel) {
        CustomerLifetimeValue values = new CustomerLifetimeValue(model, spend, CLV);
        IntStream members = IntStream.range(0, SCORED_MEMBERS);
        (parallel ? members.parallel() : members).forEach(i -> {
            PurchaseHistory h = scored[i];
            pAlive[i] = model.pAlive(h);
            next90Days[i] = model.expectedPurchases(h, NINETY_DAYS);
            clv[i] = values.value(h, scoredSpend[i]);
        });
        return pAlive[SCORED_MEMBERS - 1] + next90Days[SCORED_MEMBERS - 1] + clv[SCORED_MEMBERS - 1].doubleValue();
    }
}
