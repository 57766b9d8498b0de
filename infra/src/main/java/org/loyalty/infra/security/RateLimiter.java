package org.loyalty.infra.security;

import java.time.Clock;

/**
 * A token bucket per client: {@code rate} requests per second on average, bursts up to {@code burst}. Per
 * node, in memory: behind a load balancer over N nodes a client gets up to N times the rate, which is the
 * usual trade for not asking a shared store on every request.
 */
final class RateLimiter {

    private final Clock clock;
    // Forgetting everyone (a full bucket each) is safe: nobody is limited more than the rules say.
    private final ForgetfulCache<String, Bucket> buckets;

    RateLimiter(Clock clock, int maxTrackedClients) {
        this.clock = clock;
        this.buckets = new ForgetfulCache<>(maxTrackedClients);
    }

    /** 0 when the request may go ahead (and is counted), else the seconds to wait before the next one would. */
    long acquire(String client, double rate, double burst) {
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * rate / 1000.0);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / rate));
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
