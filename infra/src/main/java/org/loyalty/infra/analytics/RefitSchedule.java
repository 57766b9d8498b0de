package org.loyalty.infra.analytics;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.loyalty.query.insight.InsightRefit;
import org.loyalty.query.insight.RetentionModelStore;
import org.loyalty.query.insight.StoredModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refits the models when the newest fit is older than {@code loyalty.retention.refit-interval}. Every
 * node checks (a tenth of the interval apart); the refit's advisory lock and the age check after it
 * make one node do the work while the others pick up its model.
 */
@Component
class RefitSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RefitSchedule.class);

    private final InsightRefit refit;
    private final RetentionModelStore models;
    private final RetentionProperties retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retention-refit");
        thread.setDaemon(true);
        return thread;
    });

    RefitSchedule(InsightRefit refit, RetentionModelStore models, RetentionProperties retention, Clock clock) {
        this.refit = refit;
        this.models = models;
        this.retention = retention;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!retention.scheduledRefit()) {
            return;
        }
        long every = Math.max(1_000, retention.refitInterval().toMillis() / 10);
        // The first check soon after start, so a fresh installation has scores within a minute of its first purchases.
        timer.scheduleWithFixedDelay(this::refitIfStale, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    void refitIfStale() {
        try {
            StoredModel newest = models.refresh().orElse(null);
            if (newest != null && Duration.between(newest.fittedAt(), clock.instant()).compareTo(retention.refitInterval()) < 0) {
                return;
            }
            refit.refit(null, null, retention.refitInterval()).ifPresent(outcome -> log.info("Refitted the {} model on {} members in {} ms",
                    outcome.model().purchases().kind(), outcome.model().customers(), outcome.elapsed().toMillis()));
        } catch (InsightRefit.UnfittableException unfittable) {
            log.info("Retention models not refitted: {}", unfittable.getMessage());
        } catch (RuntimeException e) {
            log.warn("Scheduled refit of the retention models failed; the next check tries again", e);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
