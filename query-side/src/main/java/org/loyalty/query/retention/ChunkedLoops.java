package org.loyalty.query.retention;

import java.util.stream.IntStream;

/**
 * Loops over an index range cut into fixed chunks, optionally run on the common fork-join pool.
 * Sums are formed per chunk and the chunk sums added in chunk order, so the result is bit-for-bit the
 * same whether the chunks run in parallel or not, and on any number of cores: fits stay reproducible.
 */
final class ChunkedLoops {

    /** Large enough that a chunk outweighs the fork-join overhead, small enough to balance 2-8 cores. */
    static final int CHUNK = 2048;

    @FunctionalInterface
    interface RangeSum {
        double sum(int from, int to);
    }

    @FunctionalInterface
    interface RangeAction {
        void run(int from, int to);
    }

    private ChunkedLoops() {
    }

    static double sum(int size, boolean parallel, RangeSum body) {
        int chunks = chunks(size);
        if (chunks == 1) {
            return body.sum(0, size);
        }
        double[] partial = new double[chunks];
        stream(chunks, parallel).forEach(c -> partial[c] = body.sum(c * CHUNK, Math.min(size, (c + 1) * CHUNK)));
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    static void run(int size, boolean parallel, RangeAction body) {
        int chunks = chunks(size);
        if (chunks == 1) {
            body.run(0, size);
            return;
        }
        stream(chunks, parallel).forEach(c -> body.run(c * CHUNK, Math.min(size, (c + 1) * CHUNK)));
    }

    private static int chunks(int size) {
        return Math.max(1, (size + CHUNK - 1) / CHUNK);
    }

    private static IntStream stream(int chunks, boolean parallel) {
        IntStream range = IntStream.range(0, chunks);
        return parallel ? range.parallel() : range;
    }
}
