package org.loyalty.infra.campaign;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.loyalty.api.campaign.CampaignDefinition.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When campaigns are evaluated: every member every {@code evaluation-interval}, and the members noted by
 * the campaign-triggers processor every {@code trigger-poll-interval}. Every node does both; the offer
 * ids make a second evaluation of the same period a no-op, and a noted member is taken by one node
 * ({@code FOR UPDATE SKIP LOCKED}).
 */
class CampaignSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignSchedule.class);
    /** The noted members taken in one statement. */
    static final int TAKE = 1000;

    private final CampaignEvaluator evaluator;
    private final JdbcTemplate jdbc;
    private final CampaignProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "campaigns");
        thread.setDaemon(true);
        return thread;
    });

    CampaignSchedule(CampaignEvaluator evaluator, JdbcTemplate jdbc, CampaignProperties properties) {
        this.evaluator = evaluator;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.scheduled()) {
            return;
        }
        long every = properties.evaluationInterval().toMillis();
        timer.scheduleWithFixedDelay(this::evaluateEveryone, every, every, TimeUnit.MILLISECONDS);
        long poll = properties.triggerPollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::drainTriggers, poll, poll, TimeUnit.MILLISECONDS);
    }

    void evaluateEveryone() {
        try {
            CampaignEvaluator.Summary done = evaluator.evaluateEveryone();
            if (done.issued() + done.heldOut() > 0) {
                log.info("Campaigns: {} live over {} members, {} offers issued, {} held out", done.campaigns(), done.members(),
                        done.issued(), done.heldOut());
            }
        } catch (RuntimeException e) {
            log.warn("Campaign evaluation failed; the next run tries again", e);
        }
    }

    /**
     * Evaluates the noted members; returns how many were taken. They are taken oldest first, {@link #TAKE} at a time: finding the
     * oldest reads the whole table (an index on noticed_at would cost every note its heap-only update), so each take
     * should be large; at 100 the takes were 5% of PostgreSQL's time at 2,000 purchases/s (bench/NOTES.md item 34).
     */
    int drainTriggers() {
        int taken = 0;
        try {
            while (true) {
                List<CampaignEvaluator.Noted> batch = jdbc.query("""
                        DELETE FROM campaign_trigger WHERE (member_id, trigger_kind) IN (
                            SELECT member_id, trigger_kind FROM campaign_trigger ORDER BY noticed_at LIMIT %d FOR UPDATE SKIP LOCKED)
                        RETURNING member_id, trigger_kind""".formatted(TAKE),
                        (row, n) -> new CampaignEvaluator.Noted(row.getString(1), Trigger.valueOf(row.getString(2))));
                if (batch.isEmpty()) {
                    return taken;
                }
                evaluator.evaluate(batch);
                taken += batch.size();
            }
        } catch (RuntimeException e) {
            log.warn("Evaluating campaigns after member events failed; the members noted later are taken next time", e);
            return taken;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
