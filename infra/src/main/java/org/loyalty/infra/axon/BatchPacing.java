package org.loyalty.infra.axon;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the batches of a reader that keeps up with its source: once a batch has taken everything there was (the
 * reader caught up), the next batch starts at least {@code quiet} after the one before, so that it takes what arrived
 * meanwhile instead of the one or two items that arrived while the last transaction ran. A reader that has not caught
 * up (a batch stopped at its size limit: a replay, a backlog, a burst) never waits.
 *
 * <p>Why: below the ceiling a transaction carried one or two items, and a purchase cost more CPU at 1,000/s than at
 * 2,000/s (bench/NOTES.md items 23 and 48): each transaction is its own statements, round trips and WAL flush.
 * Two readers use it: a tracking processor's thread at the head of the event store ({@link SignallingEventStore};
 * the pooled processors are paced by {@link EventArrivalWatch} instead) and, when its quiet time is set (off by
 * default), a group-commit lane ({@link GroupCommits}).
 *
 * <p>One reader's: each has its own, used by its one thread, so no locking.
 */
final class BatchPacing {

    /** What waiting means; a test passes one that only counts. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final Sleeper THREAD_SLEEP = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

    private final long quietNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private boolean tookEverything;
    private boolean started;
    private long lastBatchStart;

    private BatchPacing(Duration quiet, LongSupplier nanoTime, Sleeper sleeper) {
        this.quietNanos = checked(quiet, "the quiet time between batches").toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static BatchPacing of(Duration quiet) {
        return new BatchPacing(quiet, System::nanoTime, THREAD_SLEEP);
    }

    static BatchPacing of(Duration quiet, LongSupplier nanoTime, Sleeper sleeper) {
        return new BatchPacing(quiet, nanoTime, sleeper);
    }

    /**
     * The quiet time, refused when negative, for a setting read at start rather than at a reader's first batch;
     * {@code setting} names it in the error.
     */
    static Duration checked(Duration quiet, String setting) {
        if (quiet.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative: " + quiet);
        }
        return quiet;
    }

    /** The reader looked for more and found nothing: it has taken everything there was so far. */
    void caughtUp() {
        tookEverything = true;
    }

    /**
     * The reader has the first item of a new batch; waits out the rest of the quiet time if the last batch took
     * everything there was.
     */
    void batchStarts() throws InterruptedException {
        if (started && tookEverything && quietNanos > 0) {
            long wait = lastBatchStart + quietNanos - nanoTime.getAsLong();
            if (wait > 0) {
                sleeper.sleep(wait);
            }
        }
        started = true;
        tookEverything = false;
        lastBatchStart = nanoTime.getAsLong();
    }
}
