package org.loyalty.infra.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.loyalty.infra.web.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Group commit: the POS's commands of many requests handled in one database transaction.
 *
 * <p>Why: a purchase is a few cheap statements and one durable commit, and the commit, with its WAL flush and the
 * threads parked on it, cost more than the statements (bench/NOTES.md). Here the commands that arrive while a
 * transaction is being written wait for the next one: under load each commit carries many of them, at low load a
 * command goes alone, with no waiting added. Below the ceiling that gives one to three commands a commit (a commit
 * takes a millisecond or two); with a {@code quiet} time a lane that emptied its queue starts its next commit no
 * sooner than that after the last one began, trading a few milliseconds of each command's time for fewer commits
 * (off by default: bench/NOTES.md item 48).
 *
 * <p>How: commands go to one of {@code lanes} by their partition key (the member), so one member's commands are
 * handled in order by one thread and no two lanes ever wait on the same account's lock. A lane takes every command
 * queued (up to {@code maxBatch}; after a batch that emptied the queue, no sooner than {@code quiet} after that
 * batch began, {@link BatchPacing}), starts a unit of work with a transaction, and dispatches each command on the
 * command bus inside it: Axon makes each a nested unit of work, handled exactly as alone (interceptors, handlers,
 * the account repository), that joins the outer transaction; their events are appended together when the outer
 * unit commits. No caller hears of a result before that commit.
 *
 * <p>All or nothing per command is kept by never committing a batch in which anything failed: a command that fails
 * (a domain refusal, an unknown member, bad input) may have written part of its work, and may have left its account
 * changed in memory. The batch is rolled back; the failing command is sent again alone through the gateway (so it
 * fails, or succeeds, exactly as it would have without batching, with the gateway's retries), and the others are
 * committed again around it, in order ({@link #commit}).
 */
public final class GroupCommits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommits.class);

    private final CommandBus commandBus;
    private final CommandGateway gateway;
    private final TransactionManager transactionManager;
    private final Function<Object, String> partitionKeys;
    private final Consumer<List<CommandMessage<?>>> preparation;
    private final int maxBatch;
    private final Duration quiet;
    private final GroupCommitMeters meters;
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param partitionKeys the key that orders a command among others (the member's id), or null for a command that
     *                      is not handled here (it goes to the gateway alone)
     * @param preparation   run in a batch's unit of work before its commands, when there are several: reads or writes
     *                      for all of them at once what each would do alone (claims, last sequence numbers), leaving
     *                      the results where the handlers look first
     */
    public GroupCommits(CommandBus commandBus, CommandGateway gateway, TransactionManager transactionManager,
                        Function<Object, String> partitionKeys, Consumer<List<CommandMessage<?>>> preparation, LaneSettings settings,
                        GroupCommitMeters meters) {
        this.commandBus = commandBus;
        this.gateway = gateway;
        this.transactionManager = transactionManager;
        this.partitionKeys = partitionKeys;
        this.preparation = preparation;
        this.maxBatch = settings.maxBatch();
        this.quiet = settings.quiet();
        this.meters = meters;
        for (int i = 0; i < settings.lanes(); i++) {
            this.lanes.add(new Lane(i, settings.queueCapacity()));
        }
        this.lanes.forEach(lane -> lane.thread.start());
    }

    /**
     * How many lanes, the most commands one transaction carries, how many may wait in a lane, and the least time
     * from one batch's start to the next after a batch that emptied its lane's queue (zero: at once).
     */
    public record LaneSettings(int lanes, int maxBatch, int queueCapacity, Duration quiet) {
        public LaneSettings {
            if (lanes < 1 || maxBatch < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("group commits need at least one lane, a batch of one and room for one command");
            }
            BatchPacing.checked(quiet, "the quiet time between a lane's commits");
        }
    }

    /** Whether {@code command} is handled by a group commit (else it goes to the gateway alone). */
    public boolean handles(Object command) {
        return partitionKeys.apply(command) != null;
    }

    /**
     * Queues the command for the next group commit of its lane; the result (or failure) comes once its transaction
     * has committed. Null when the lane is full or the node is closing: the caller then sends the command alone, on a
     * thread that may block (sending handles it in the sending thread, with JDBC).
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> offer(CommandMessage<?> command) {
        String key = partitionKeys.apply(command.getPayload());
        if (key == null) {
            throw new IllegalArgumentException(command.getCommandName() + " is not handled by group commits");
        }
        Pending pending = new Pending(command);
        Lane lane = lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
        if (!running || !lane.queue.offer(pending)) {
            return null;
        }
        return (CompletableFuture<R>) pending.result;
    }

    /** Stops taking commands (later offers are refused) and finishes the queued ones. */
    @Override
    public void close() {
        running = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Pending(CommandMessage<?> command, CompletableFuture<Object> result) {
        Pending(CommandMessage<?> command) {
            this(command, new CompletableFuture<>());
        }
    }

    private final class Lane implements Runnable {

        final BlockingQueue<Pending> queue;
        final Thread thread;
        final BatchPacing pacing = BatchPacing.of(quiet);

        Lane(int index, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "group-commit-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>(maxBatch);
            while (running || !queue.isEmpty()) {
                try {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    // Commands queue meanwhile; the first one waits at most the quiet time.
                    pacing.batchStarts();
                    if (queue.drainTo(batch, maxBatch - 1) < maxBatch - 1) {
                        pacing.caughtUp();
                    }
                    commit(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    batch.forEach(p -> p.result.completeExceptionally(e));
                    return;
                } catch (RuntimeException | Error e) {
                    // commit() completes every command of its batch whatever happens; this is a bug's last net.
                    log.error("Group commit lane failed; its batch is answered with the failure", e);
                    batch.forEach(p -> p.result.completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
        }
    }

    /**
     * Commits the batch; when a command of it fails, the commands before it are committed again as a batch (they
     * were handled once already), the failing one is sent alone (its own answer, its own error) and the commands
     * after it form the next batch. So a bad command (an unknown member, say) costs its predecessors one more pass,
     * never the whole batch one pass each, and the member's order is kept. A failure that names no command (the
     * transaction did not start, the commit failed: another node's conflicting append) sends each command alone.
     */
    private void commit(List<Pending> batch) {
        List<Pending> rest = batch;
        while (!rest.isEmpty()) {
            int failedAt = attempt(rest);
            if (failedAt == rest.size()) {
                return;
            }
            if (failedAt < 0) {
                rest.forEach(this::sendAlone);
                return;
            }
            if (failedAt > 0) {
                commit(rest.subList(0, failedAt));
            }
            sendAlone(rest.get(failedAt));
            rest = rest.subList(failedAt + 1, rest.size());
        }
    }

    /**
     * One transaction for the commands, answered after it commits. Returns their number when it committed, the index
     * of the first command that failed (everything rolled back, nobody answered), or -1 when the transaction failed
     * otherwise (everything rolled back, nobody answered).
     */
    private int attempt(List<Pending> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("group commit"));
        Throwable failure = null;
        int failedAt = -1;
        try {
            unitOfWork.attachTransaction(transactionManager);
            if (batch.size() > 1) {
                preparation.accept(batch.stream().<CommandMessage<?>>map(Pending::command).toList());
            }
            for (int i = 0; i < batch.size() && failure == null; i++) {
                CommandResultMessage<?> result = handleNested(batch.get(i).command);
                if (result.isExceptional()) {
                    failure = result.exceptionResult();
                    failedAt = i;
                } else {
                    results.add(result.getPayload());
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            try {
                unitOfWork.commit();
            } catch (RuntimeException e) {
                failure = e;
            }
        } else if (unitOfWork.phase() == UnitOfWork.Phase.STARTED) {
            // (A unit of work whose transaction could not even start has rolled itself back already.)
            unitOfWork.rollback(failure);
        }
        if (failure == null) {
            meters.committed(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(results.get(i));
            }
            return batch.size();
        }
        if (batch.size() > 1) {
            log.debug("A group commit of {} commands failed ({}); {}", batch.size(), failure.toString(),
                    failedAt < 0 ? "each is sent again alone" : "command " + failedAt + " is sent again alone");
        }
        return failedAt;
    }

    /** In order, one at a time: the member's next command waits for this one, as it would have in a batch. */
    private void sendAlone(Pending pending) {
        meters.fellBack(1);
        gateway.send(pending.command).handle((result, error) -> error == null
                ? pending.result.complete(result) : pending.result.completeExceptionally(error)).join();
    }

    /** The command handled on the bus inside the current unit of work, which makes it a nested one. */
    private CommandResultMessage<?> handleNested(CommandMessage<?> command) {
        AtomicReference<CommandResultMessage<?>> outcome = new AtomicReference<>();
        Object correlationId = command.getMetaData().get(CorrelationId.METADATA_KEY);
        if (correlationId != null) {
            MDC.put(CorrelationId.MDC_KEY, correlationId.toString());
        }
        try {
            commandBus.dispatch(command, (message, result) -> outcome.set(result));
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
        CommandResultMessage<?> result = outcome.get();
        if (result == null) {
            // Only a bus that handles commands in the caller's thread (Axon's SimpleCommandBus) can nest them.
            throw new IllegalStateException("the command bus did not handle " + command.getCommandName() + " in the caller's thread");
        }
        return result;
    }
}
