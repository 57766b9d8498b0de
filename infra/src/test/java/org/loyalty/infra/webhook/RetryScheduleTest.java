package org.loyalty.infra.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(12));

    @Test
    void withoutJitterTheWaitsFollowTheListAndTheLastOneRepeatsUntilTheLastAttempt() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT_DELAYS, 0, 10, () -> 0.99);

        List<Optional<Duration>> waits = IntStream.rangeClosed(1, 10).mapToObj(schedule::delayAfter).toList();

        assertThat(waits).containsExactly(
                Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofMinutes(2)),
                Optional.of(Duration.ofMinutes(10)), Optional.of(Duration.ofHours(1)), Optional.of(Duration.ofHours(6)),
                Optional.of(Duration.ofHours(12)), Optional.of(Duration.ofHours(12)), Optional.of(Duration.ofHours(12)),
                Optional.empty());
    }

    @Test
    void jitterStretchesOrShrinksEachWaitByAtMostItsFraction() {
        assertThat(new RetrySchedule(DEFAULT_DELAYS, 0.2, 10, () -> 0.0).delayAfter(1)).contains(Duration.ofSeconds(8));
        assertThat(new RetrySchedule(DEFAULT_DELAYS, 0.2, 10, () -> 0.5).delayAfter(1)).contains(Duration.ofSeconds(10));
        assertThat(new RetrySchedule(DEFAULT_DELAYS, 0.2, 10, () -> 0.75).delayAfter(3)).contains(Duration.ofSeconds(132));
        RetrySchedule random = new RetrySchedule(DEFAULT_DELAYS, 0.2, 10, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        for (int i = 0; i < 1000; i++) {
            assertThat(random.delayAfter(2).orElseThrow()).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        }
    }

    @Test
    void oneAttemptAllowedMeansNoRetry() {
        assertThat(new RetrySchedule(DEFAULT_DELAYS, 0.2, 1, () -> 0.5).delayAfter(1)).isEmpty();
    }

    @Test
    void aScheduleWithoutDelaysOrWithAJitterOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), 0.2, 3, () -> 0.5)).hasMessageContaining("delays");
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), 0.2, 3, () -> 0.5)).hasMessageContaining("delays");
        assertThatThrownBy(() -> new RetrySchedule(DEFAULT_DELAYS, 1.0, 3, () -> 0.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetrySchedule(DEFAULT_DELAYS, 0.2, 0, () -> 0.5)).hasMessageContaining("max-attempts");
    }
}
