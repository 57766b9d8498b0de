package org.loyalty.infra.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live member streams ({@code loyalty.live-updates} in application.yml).
 *
 * @param heartbeat      a comment line is sent this often on an idle stream, so that proxies and load balancers keep it open
 * @param batchSize      events the live-updates processor handles per unit of work (updates leave when it commits)
 * @param recentTtl      how long this node remembers each member's newest balance and tier update for streams that are opening
 * @param recentCapacity at most this many members are remembered (the least recently changed go first)
 */
@ConfigurationProperties("loyalty.live-updates")
public record LiveUpdatesProperties(
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("100") int batchSize,
        @DefaultValue("PT1M") Duration recentTtl,
        @DefaultValue("100000") int recentCapacity) {

    public LiveUpdatesProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("loyalty.live-updates.heartbeat must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("loyalty.live-updates.batch-size must be at least 1");
        }
    }
}
