package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPacingTest {

    private static final long MS = 1_000_000;

    private long now = 1_000 * MS;
    private final List<Long> waits = new ArrayList<>();
    private final BatchPacing pacing = BatchPacing.of(Duration.ofMillis(25), () -> now, nanos -> {
        waits.add(nanos);
        now += nanos;
    });

    @Test
    void theFirstBatchStartsAtOnce() throws InterruptedException {
        pacing.batchStarts();

        assertThat(waits).isEmpty();
    }

    @Test
    void aBatchAfterOneThatReachedTheHeadWaitsOutTheRestOfTheQuietTime() throws InterruptedException {
        pacing.batchStarts();
        now += 4 * MS;                 // the batch's transaction
        pacing.caughtUp();     // it took everything there was

        pacing.batchStarts();          // the next event is there already

        assertThat(waits).containsExactly(21 * MS);
        assertThat(now).isEqualTo(1_025 * MS);
    }

    @Test
    void theQuietTimeCountsFromTheLastBatchStartNotFromItsEnd() throws InterruptedException {
        pacing.batchStarts();
        pacing.caughtUp();
        now += 40 * MS;                // the next event came later than the quiet time

        pacing.batchStarts();

        assertThat(waits).isEmpty();
    }

    @Test
    void aReaderThatHasNotCaughtUpNeverWaits() throws InterruptedException {
        // A replay or a backlog: every batch stops at its size limit with events still in the stream.
        for (int batch = 0; batch < 5; batch++) {
            pacing.batchStarts();
            now += MS;
        }

        assertThat(waits).isEmpty();
    }

    @Test
    void onlyTheBatchRightAfterReachingTheHeadWaits() throws InterruptedException {
        pacing.batchStarts();
        pacing.caughtUp();
        pacing.batchStarts();          // waits
        now += MS;                     // this batch stops at its size limit: a burst came in

        pacing.batchStarts();

        assertThat(waits).hasSize(1);
    }

    @Test
    void noQuietTimeMeansNoWaiting() throws InterruptedException {
        BatchPacing unpaced = BatchPacing.of(Duration.ZERO, () -> now, nanos -> waits.add(nanos));
        unpaced.batchStarts();
        unpaced.caughtUp();

        unpaced.batchStarts();

        assertThat(waits).isEmpty();
    }

    @Test
    void aNegativeQuietTimeIsRefused() {
        assertThatThrownBy(() -> BatchPacing.of(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
