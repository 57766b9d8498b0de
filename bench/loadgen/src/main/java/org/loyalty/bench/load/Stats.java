package org.loyalty.bench.load;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One request kind's latencies (microseconds, from the intended start: no coordinated omission) and counts. */
final class Stats {

    final String name;
    final double targetRate;
    final Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    final LongAdder ok = new LongAdder();
    /** Final failures: a 4xx/5xx that was not expected, or a request given up after retrying. */
    final LongAdder errors = new LongAdder();
    /** Attempts that failed and were retried (connection refused or reset, 5xx). */
    final LongAdder failedAttempts = new LongAdder();
    /** Attempts abandoned by the client's timeout and sent again. */
    final LongAdder timeouts = new LongAdder();
    /** Expected refusals (a redemption with too few points). */
    final LongAdder declined = new LongAdder();

    /** When the last measured answer came: when the server falls behind, later than the schedule's end. */
    final java.util.concurrent.atomic.LongAccumulator lastAnswer = new java.util.concurrent.atomic.LongAccumulator(Math::max, 0);
    /** The measured window's start (nanoTime), set by the run. */
    long measureFrom;

    Stats(String name, double targetRate) {
        this.name = name;
        this.targetRate = targetRate;
    }

    /** Answers per second between the window's start and the last answer (not the schedule's length). */
    double achieved(double seconds) {
        double span = Math.max(seconds, (lastAnswer.get() - measureFrom) / 1e9);
        return ok.sum() / span;
    }

    void record(long micros) {
        lastAnswer.accumulate(System.nanoTime());
        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
    }

    String row(double seconds) {
        return String.format(Locale.ROOT, "| %s | %.0f | %d | %.1f | %s | %s | %s | %s | %s | %d | %d | %d | %d |",
                name, targetRate, ok.sum(), achieved(seconds), ms(50), ms(90), ms(99), ms(99.9),
                ms(100), errors.sum(), failedAttempts.sum(), timeouts.sum(), declined.sum());
    }

    static final String HEADER = "| request | target/s | ok | achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
            + "| errors | failed attempts (retried) | client timeouts (retried) | declined |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    String ms(double percentile) {
        if (latency.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", latency.getValueAtPercentile(percentile) / 1000.0);
    }

    String properties(String prefix, double seconds) {
        return prefix + ".ok=" + ok.sum() + "\n" + prefix + ".rate=" + String.format(Locale.ROOT, "%.1f", achieved(seconds))
                + "\n" + prefix + ".p50=" + ms(50) + "\n" + prefix + ".p99=" + ms(99) + "\n" + prefix + ".p999=" + ms(99.9)
                + "\n" + prefix + ".max=" + ms(100) + "\n" + prefix + ".errors=" + errors.sum() + "\n"
                + prefix + ".failedAttempts=" + failedAttempts.sum() + "\n" + prefix + ".timeouts=" + timeouts.sum() + "\n";
    }
}
