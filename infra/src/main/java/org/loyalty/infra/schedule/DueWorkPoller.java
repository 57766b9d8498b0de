package org.loyalty.infra.schedule;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.loyalty.api.member.ProcessDueWork;
import org.loyalty.command.schedule.DueWorkSchedule;
import org.loyalty.infra.program.ProgramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The persistent scheduler behind expiry, tier re-qualification and birthday rewards. Accounts write
 * their next due instant in the same transaction as their events; this poller reads the accounts
 * whose instant has passed on the application's {@link Clock} and sends each a {@link ProcessDueWork}.
 * Nothing lives in memory, so a restart loses nothing; on several nodes an account may be sent the
 * command twice, which finds nothing left to do the second time.
 */
@Component
class DueWorkPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueWorkPoller.class);

    private final DueWorkSchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;
    private final ProgramProperties.DueWork settings;
    private ScheduledExecutorService executor;

    DueWorkPoller(DueWorkSchedule schedule, CommandGateway commands, Clock clock, ProgramProperties program) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
        this.settings = program.dueWork();
    }

    /** One round: every account due now, each at most once, so a faulty account cannot spin the poller. */
    int pollOnce() {
        List<String> due = schedule.dueBy(clock.instant(), settings.batchSize());
        for (String memberId : due) {
            try {
                commands.sendAndWait(new ProcessDueWork(memberId));
            } catch (RuntimeException e) {
                log.warn("Due work of member {} failed; it is tried again next round", memberId, e);
            }
        }
        return due.size();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "due-work-poller"));
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            log.warn("Due work poll failed; retrying in {}", settings.pollInterval(), e);
        }
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

    /** Starts after Axon's components (which start in phases below this) and stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
