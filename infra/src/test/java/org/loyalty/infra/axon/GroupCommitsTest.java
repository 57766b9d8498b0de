package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commits on Axon's own command bus and an in-memory event store, with a transaction manager that joins
 * nested transactions as Spring's does and records what was committed.
 */
class GroupCommitsTest {

    /** A command: what to say, for whom; "wait" blocks until {@link #release} opens, "boom" fails. */
    record Say(String member, String text) {
    }

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final RecordingTransactions transactions = new RecordingTransactions();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch waiting = new CountDownLatch(1);
    /** Every member's commands in the order they were handled (handled again after a rollback included). */
    private final Map<String, List<String>> handled = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> sent = new CopyOnWriteArrayList<>();
    /** The batches the preparation was run for. */
    private final List<List<CommandMessage<?>>> prepared = new CopyOnWriteArrayList<>();
    private GroupCommits groupCommits;

    GroupCommitsTest() {
        bus.subscribe(Say.class.getName(), message -> {
            Say say = (Say) message.getPayload();
            handled.computeIfAbsent(say.member(), m -> Collections.synchronizedList(new ArrayList<>())).add(say.text());
            if (say.text().equals("wait")) {
                waiting.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            store.publish(GenericEventMessage.asEventMessage(say.member() + ":" + say.text()));
            if (say.text().equals("boom")) {
                throw new IllegalStateException("boom for " + say.member());
            }
            return say.text().toUpperCase();
        });
    }

    @AfterEach
    void close() {
        release.countDown();
        if (groupCommits != null) {
            groupCommits.close();
        }
        store.shutDown();
    }

    private void start(int lanes, int capacity) {
        start(lanes, capacity, Duration.ZERO);
    }

    private void start(int lanes, int capacity, Duration quiet) {
        groupCommits = new GroupCommits(bus, gateway, transactions, p -> p instanceof Say s ? s.member() : null, prepared::add,
                new GroupCommits.LaneSettings(lanes, 64, capacity, quiet), new GroupCommitMeters(registry));
    }

    private CompletableFuture<Object> send(String member, String text) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new Say(member, text));
        CompletableFuture<Object> result = groupCommits.offer(command);
        if (result != null) {
            sent.add(result);
        }
        return result;
    }

    /** Blocks the lane of {@code member} in a command of its own, so that what is sent next queues behind it. */
    private CompletableFuture<Object> blockLane(String member) throws InterruptedException {
        CompletableFuture<Object> blocking = send(member, "wait");
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        return blocking;
    }

    private List<String> storedEvents() {
        return storage.readEvents(null, false).map(e -> (String) e.getPayload()).toList();
    }

    @Test
    void commandsQueuedWhileATransactionIsWrittenAreCommittedTogetherAndAnsweredAfterIt() throws Exception {
        start(1, 100);
        blockLane("m0");
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            queued.add(send("m" + i, "hello " + i));
        }
        release.countDown();

        for (int i = 1; i <= 5; i++) {
            assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("HELLO " + i);
        }
        assertThat(transactions.committed).as("one transaction for the blocking command, one for the five behind it")
                .containsExactly(1, 5);
        assertThat(transactions.answeredBeforeCommit).as("no command answered before its transaction committed").containsOnly(0L);
        assertThat(storedEvents()).containsExactly("m0:wait", "m1:hello 1", "m2:hello 2", "m3:hello 3", "m4:hello 4", "m5:hello 5");
        assertThat(registry.get("loyalty.commands.group.commit.size").summary().max()).isEqualTo(5);
        assertThat(prepared).as("prepared once for the batch of five, not for the command alone").hasSize(1);
        assertThat(prepared.get(0)).extracting(c -> ((Say) c.getPayload()).member()).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void aLaneThatEmptiedItsQueueCommitsWhatArrivesWithinTheQuietTimeTogether() throws Exception {
        start(1, 100, Duration.ofSeconds(1));
        assertThat(send("m1", "alone").get(10, TimeUnit.SECONDS)).isEqualTo("ALONE");

        // Without the quiet time the lane would commit "first" as soon as it is queued, alone.
        CompletableFuture<Object> first = send("m2", "first");
        CompletableFuture<Object> second = send("m3", "second");

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("SECOND");
        assertThat(transactions.committed).as("the first command alone, then the two that came within the quiet time")
                .containsExactly(1, 2);
    }

    @Test
    void aLaneBehindItsQueueDoesNotWaitBetweenCommits() throws Exception {
        start(1, 1000, Duration.ofSeconds(3));
        blockLane("m0");
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            queued.add(send("m" + (i % 7 + 1), "hello " + i));
        }
        Thread.sleep(3_100);   // the blocked batch began longer ago than the quiet time: the next one need not wait
        long released = System.nanoTime();
        release.countDown();

        for (CompletableFuture<Object> answer : queued) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).asString().startsWith("HELLO");
        }
        // Three full or partial batches behind the blocked one; waiting 3 s before any of them would show.
        assertThat(transactions.committed).containsExactly(1, 64, 64, 22);
        assertThat(Duration.ofNanos(System.nanoTime() - released)).as("no quiet time between batches of a full queue")
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aNegativeQuietTimeIsRefused() {
        assertThatThrownBy(() -> new GroupCommits.LaneSettings(1, 64, 100, Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }

    @Test
    void aFailingCommandIsSentAgainAloneAndTheOthersAreCommittedAroundItInOrder() throws Exception {
        start(1, 100);
        blockLane("m0");
        CompletableFuture<Object> first = send("a", "one");
        CompletableFuture<Object> failing = send("b", "boom");
        CompletableFuture<Object> last = send("c", "two");
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ONE");
        assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo("TWO");
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("boom for b");
        assertThat(storedEvents()).as("nothing of the failed batch stored, every other command once")
                .containsExactly("m0:wait", "a:one", "c:two");
        assertThat(handled.get("a")).as("handled in the batch, then again in a batch of the commands before the failure")
                .containsExactly("one", "one");
        assertThat(handled.get("b")).as("in the batch, then alone").containsExactly("boom", "boom");
        assertThat(handled.get("c")).as("the batch stopped at the failure; then a batch of those after it").containsExactly("two");
        assertThat(transactions.rolledBack).as("the batch, then the failing command alone").isEqualTo(2);
        assertThat(transactions.committed).as("the blocking command, the one before the failure, the one after it")
                .containsExactly(1, 1, 1);
        assertThat(registry.get("loyalty.commands.group.commit.fallbacks").counter().count()).as("only the failing one alone")
                .isEqualTo(1);
    }

    @Test
    void severalFailuresInOneBatchAreEachSentAloneAndEveryOtherCommandCountsOnceInOrder() throws Exception {
        start(1, 100);
        blockLane("m0");
        List<String> texts = List.of("1", "boom", "2", "3", "boom", "boom", "4", "5", "boom");
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (String text : texts) {
            answers.add(send("same", text));
        }
        release.countDown();

        for (int i = 0; i < texts.size(); i++) {
            CompletableFuture<Object> answer = answers.get(i);
            if (texts.get(i).equals("boom")) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("boom for same");
            } else {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(texts.get(i));
            }
        }
        assertThat(storedEvents()).containsExactly("m0:wait", "same:1", "same:2", "same:3", "same:4", "same:5");
        assertThat(registry.get("loyalty.commands.group.commit.fallbacks").counter().count()).isEqualTo(4);
    }

    @Test
    void aTransactionThatCannotStartSendsTheBatchAgainAlone() throws Exception {
        start(1, 100);
        blockLane("m0");
        CompletableFuture<Object> a = send("a", "one");
        CompletableFuture<Object> b = send("b", "two");
        transactions.failNextStart = true;
        release.countDown();

        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("ONE");
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("TWO");
        assertThat(storedEvents()).containsExactly("m0:wait", "a:one", "b:two");
    }

    @Test
    void eachMembersCommandsAreHandledInTheOrderTheyWereSent() throws Exception {
        start(4, 1000);
        for (int i = 0; i < 300; i++) {
            send("m" + (i % 7), String.valueOf(i));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (int m = 0; m < 7; m++) {
            List<Integer> order = handled.get("m" + m).stream().map(Integer::valueOf).toList();
            assertThat(order).as("member m%d", m).isSorted().hasSize(300 / 7 + (m < 300 % 7 ? 1 : 0));
        }
    }

    @Test
    void aFullLaneRefusesTheCommandForItsSenderToSendAlone() throws Exception {
        start(1, 1);
        blockLane("m0");
        CompletableFuture<Object> queued = send("x", "queued");
        assertThat(send("y", "overflow")).as("refused: the lane's one place is taken").isNull();
        assertThat(handled).doesNotContainKey("y");
        release.countDown();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("QUEUED");
    }

    @Test
    void closingFinishesWhatIsQueuedAndRefusesLaterCommands() throws Exception {
        start(1, 100);
        blockLane("m0");
        CompletableFuture<Object> queued = send("x", "queued");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(groupCommits::close);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(queued).isCompletedWithValue("QUEUED");
        assertThat(send("y", "late")).isNull();
    }

    @Test
    void otherCommandsAreNotHandled() {
        start(1, 10);
        assertThat(groupCommits.handles("not a Say")).isFalse();
        assertThat(groupCommits.handles(new Say("m", "t"))).isTrue();
        assertThatThrownBy(() -> groupCommits.offer(GenericCommandMessage.asCommandMessage("not a Say")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Transactions as Spring's propagation REQUIRED has them: the outermost one in a thread is real, the ones
     * started inside it join it. Records how many commands were answered when each real one committed.
     */
    private final class RecordingTransactions implements TransactionManager {
        final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        final List<Long> answeredBeforeCommit = Collections.synchronizedList(new ArrayList<>());
        volatile int rolledBack;
        /** The next outermost transaction fails to start (the database is away for a moment). */
        volatile boolean failNextStart;
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
        private final ThreadLocal<Integer> eventsAtStart = new ThreadLocal<>();

        @Override
        public Transaction startTransaction() {
            int level = depth.get();
            if (level == 0 && failNextStart) {
                failNextStart = false;
                throw new IllegalStateException("no connection");
            }
            depth.set(level + 1);
            if (level > 0) {
                return new Transaction() {
                    @Override
                    public void commit() {
                        depth.set(depth.get() - 1);
                    }

                    @Override
                    public void rollback() {
                        depth.set(depth.get() - 1);
                    }
                };
            }
            eventsAtStart.set(storedEvents().size());
            long answered = sent.stream().filter(CompletableFuture::isDone).count();
            return new Transaction() {
                @Override
                public void commit() {
                    depth.set(0);
                    answeredBeforeCommit.add(sent.stream().filter(CompletableFuture::isDone).count() - answered);
                    committed.add(storedEvents().size() - eventsAtStart.get());
                }

                @Override
                public void rollback() {
                    depth.set(0);
                    rolledBack++;
                }
            };
        }
    }
}
