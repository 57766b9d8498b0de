package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** What {@link RecentFullBatches} keeps for a second reader, for how long, and that it hands a batch out only once. */
class RecentFullBatchesTest {

    private static final int SIZE = 3;
    /** The test batches' events are stamped with this time. */
    private static final Instant STORED_AT = Instant.parse("2026-12-07T00:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(STORED_AT.plusSeconds(60));
    private final RecentFullBatches batches = new RecentFullBatches(4, Duration.ofSeconds(1), Duration.ofSeconds(10), now::get);

    @Test
    void aFullBatchGoesToTheNextReaderOfTheSameTokenOnce() {
        List<? extends TrackedEventData<?>> batch = batchAfter(10);
        batches.offer(token(10), SIZE, batch);

        assertThat(batches.take(token(11), SIZE)).isNull();
        assertThat(batches.take(token(10), SIZE + 1)).as("another batch size asked for other events").isNull();
        assertThat(batches.take(token(10), SIZE)).isSameAs(batch);
        assertThat(batches.take(token(10), SIZE)).as("handed out once").isNull();
        assertThat(batches.shared()).isEqualTo(1);
        assertThat(batches.size()).isZero();
    }

    @Test
    void theStartOfTheStoreIsAToken() {
        List<? extends TrackedEventData<?>> batch = batchAfter(0);
        batches.offer(null, SIZE, batch);
        assertThat(batches.take(null, SIZE)).isSameAs(batch);
    }

    @Test
    void aTokenWithGapsIsAnotherTokenThanOneWithout() {
        GapAwareTrackingToken withGap = GapAwareTrackingToken.newInstance(10, new TreeSet<>(List.of(7L)));
        batches.offer(withGap, SIZE, batchAfter(10));

        assertThat(batches.take(token(10), SIZE)).isNull();
        assertThat(batches.take(GapAwareTrackingToken.newInstance(10, new TreeSet<>(List.of(7L))), SIZE)).isNotNull();
    }

    @Test
    void aShortBatchIsNotKept() {
        batches.offer(token(10), SIZE, batchAfter(10).subList(0, SIZE - 1));
        batches.offer(token(20), SIZE, List.of());

        assertThat(batches.size()).isZero();
        assertThat(batches.take(token(10), SIZE)).isNull();
    }

    @Test
    void theOldestAreDroppedBeyondTheCapacity() {
        for (long index = 0; index < 6; index++) {
            batches.offer(token(index * 10), SIZE, batchAfter(index * 10));
        }
        assertThat(batches.size()).isEqualTo(4);
        assertThat(batches.take(token(0), SIZE)).isNull();
        assertThat(batches.take(token(10), SIZE)).isNull();
        assertThat(batches.take(token(20), SIZE)).isNotNull();
        assertThat(batches.take(token(50), SIZE)).isNotNull();
    }

    @Test
    void aBatchNoReaderAskedForInTimeIsDropped() {
        batches.offer(token(10), SIZE, batchAfter(10));
        later(600);
        batches.offer(token(20), SIZE, batchAfter(20));
        later(600);

        assertThat(batches.take(token(10), SIZE)).as("kept 1,200 ms, the limit is 1,000").isNull();
        batches.offer(token(30), SIZE, batchAfter(30));
        assertThat(batches.take(token(20), SIZE)).isNotNull();

        later(1_001);
        batches.offer(token(40), SIZE, batchAfter(40));
        assertThat(batches.size()).as("the older one dropped when the next was kept").isEqualTo(1);
    }

    @Test
    void aBatchOfFreshEventsIsReadAtTheHeadAndNotKept() {
        now.set(STORED_AT.plusSeconds(9));
        batches.offer(token(10), SIZE, batchAfter(10));
        assertThat(batches.size()).isZero();

        now.set(STORED_AT.plusSeconds(10));
        batches.offer(token(10), SIZE, batchAfter(10));
        assertThat(batches.take(token(10), SIZE)).as("ten seconds old: behind the head").isNotNull();
    }

    @Test
    void capacityZeroKeepsNothing() {
        RecentFullBatches off = new RecentFullBatches(0, Duration.ofSeconds(1), Duration.ofSeconds(10), now::get);
        off.offer(token(10), SIZE, batchAfter(10));
        assertThat(off.take(token(10), SIZE)).isNull();
    }

    private void later(long millis) {
        now.set(now.get().plusMillis(millis));
    }

    private static TrackingToken token(long index) {
        return GapAwareTrackingToken.newInstance(index, Collections.emptySortedSet());
    }

    private static List<? extends TrackedEventData<?>> batchAfter(long index) {
        return LongStream.rangeClosed(index + 1, index + SIZE).mapToObj(i -> new TrackedDomainEventData<>(token(i),
                new GenericDomainEventEntry<>("Probe", "a", i, "e" + i, STORED_AT.toString(), "Probe", null, new byte[0],
                        new byte[0]))).toList();
    }
}
