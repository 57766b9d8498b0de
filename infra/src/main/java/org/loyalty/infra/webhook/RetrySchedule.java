package org.loyalty.infra.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after the 1st failure the first delay, after the 2nd the
 * second, and so on, the last delay repeating (by default 10 s, 30 s, 2 min, 10 min, 1 h, 6 h, 12 h,
 * roughly exponential), each stretched or shrunk at random by up to the jitter fraction; after the
 * last allowed attempt, never.
 */
final class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;
    private final int maxAttempts;
    private final DoubleSupplier random;

    RetrySchedule(WebhookProperties.Retry settings) {
        this(settings.delays(), settings.jitter(), settings.maxAttempts(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} yields uniform values in [0, 1). */
    RetrySchedule(List<Duration> delays, double jitter, int maxAttempts, DoubleSupplier random) {
        if (delays == null || delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("loyalty.webhooks.retry.delays must hold at least one positive duration: " + delays);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("loyalty.webhooks.retry.jitter must be at least 0 and below 1: " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("loyalty.webhooks.retry.max-attempts must be at least 1: " + maxAttempts);
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** The wait after attempt number {@code attempt} (1 is the first) failed; empty when it was the last one allowed. */
    Optional<Duration> delayAfter(int attempt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration base = baseDelayAfter(attempt);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofNanos(Math.max(1, Math.round(base.toNanos() * factor))));
    }

    /** The delay before jitter. */
    Duration baseDelayAfter(int attempt) {
        return delays.get(Math.min(Math.max(attempt, 1), delays.size()) - 1);
    }

    int maxAttempts() {
        return maxAttempts;
    }
}
