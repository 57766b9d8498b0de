package org.loyalty.infra.webhook;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.loyalty.infra.program.ProgramProperties;
import org.loyalty.query.webhook.ExpiringPointsScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ExpiringPointsScan} every {@code loyalty.webhooks.points-expiring.scan-interval} on the
 * application's {@link Clock}: points expiring within {@code within} (7 days by default) become one
 * {@code POINTS_EXPIRING} delivery per subscriber, member and expiry date. Every node scans; a scan
 * adds only what no earlier one (on any node) did, so nodes need no coordination.
 */
@Component
class ExpiringPointsPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiringPointsPoller.class);
    /** The first scan after a start comes at most this soon, so frequent restarts cannot starve the scan. */
    private static final long MAX_FIRST_DELAY_MILLIS = 60_000;

    private final ExpiringPointsScan scan;
    private final Clock clock;
    private final WebhookProperties.PointsExpiring settings;
    private final ProgramProperties program;
    private ScheduledExecutorService executor;

    ExpiringPointsPoller(ExpiringPointsScan scan, Clock clock, WebhookProperties webhooks, ProgramProperties program) {
        this.scan = scan;
        this.clock = clock;
        this.settings = webhooks.pointsExpiring();
        this.program = program;
    }

    int scanOnce() {
        return scan.enqueue(clock.instant(), settings.within(), program.zone(), settings.batchSize());
    }

    private void scanSafely() {
        try {
            int added = scanOnce();
            if (added > 0) {
                log.debug("{} points-expiring notifications enqueued", added);
            }
        } catch (RuntimeException e) {
            log.warn("The points-expiring scan failed; the next one tries again in {}", settings.scanInterval(), e);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "points-expiring-scan"));
        long interval = settings.scanInterval().toMillis();
        executor.scheduleWithFixedDelay(this::scanSafely, Math.min(interval, MAX_FIRST_DELAY_MILLIS), interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
