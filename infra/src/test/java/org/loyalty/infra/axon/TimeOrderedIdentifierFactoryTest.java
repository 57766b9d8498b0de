package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonUsesItForEveryMessageIdentifier() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreDistinctVersion7UuidsCarryingTheirMillisecond() throws InterruptedException {
        long now = 1_780_000_000_000L;
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(() -> now);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Runnable draw = () -> {
            for (int i = 0; i < 50_000; i++) {
                String id = factory.generateIdentifier();
                UUID uuid = UUID.fromString(id);
                assertThat(uuid.version()).isEqualTo(7);
                assertThat(uuid.variant()).isEqualTo(2);
                assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(now);
                assertThat(seen.add(id)).as("unique within one millisecond: %s", id).isTrue();
            }
        };
        Thread other = new Thread(draw);
        other.start();
        draw.run();
        other.join();
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void aLaterMillisecondSortsAfterAnEarlierOneAsTextAsTheIndexComparesThem() {
        AtomicLong clock = new AtomicLong(1_780_000_000_000L);
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(clock::get);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(factory.generateIdentifier());
            clock.addAndGet(1 + i % 3 * 997);   // steps of 1 ms and of seconds: the time's hex digits roll over
        }

        assertThat(ids).isSorted();
    }
}
