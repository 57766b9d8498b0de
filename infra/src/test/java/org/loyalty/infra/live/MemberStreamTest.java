package org.loyalty.infra.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.WatchMember;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/** The SSE stream over Axon's own query bus and update emitter, with a query handler the test answers. */
class MemberStreamTest {

    static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");

    SimpleQueryUpdateEmitter emitter;
    CompletableFuture<MemberUpdate> answer;
    MemberStream streams;
    List<ServerSentEvent<MemberUpdate>> received;

    @BeforeEach
    void queryBusWithAHandlerTheTestAnswers() {
        emitter = SimpleQueryUpdateEmitter.builder().build();
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        answer = new CompletableFuture<>();
        queryBus.subscribe(WatchMember.class.getName(), MemberUpdate.class, query -> answer);
        streams = new MemberStream(DefaultQueryGateway.builder().queryBus(queryBus).build(), Duration.ofMinutes(10));
        received = new CopyOnWriteArrayList<>();
    }

    void emit(MemberUpdate update) {
        emitter.emit(WatchMember.class, q -> q.memberId().equals(update.memberId()), update);
    }

    static MemberUpdate balance(long sequence, long balance) {
        return MemberUpdate.balance("ann", sequence, "E-" + sequence, balance, 10, "EARNED", "TX-" + sequence, AT);
    }

    @Test
    void theCurrentStateComesFirstThenOnlyTheUpdatesItDoesNotContain() {
        streams.open("ann").subscribe(received::add);
        emit(balance(4, 90));
        emit(balance(6, 110));
        MemberUpdate offer = MemberUpdate.offer("ann", null, "E-X", null, AT);
        emit(offer);
        assertThat(received).as("updates wait behind the current state").isEmpty();

        answer.complete(MemberUpdate.current("ann", 5, 100, "GREEN", null, AT));
        emit(balance(7, 120));

        await().untilAsserted(() -> assertThat(received).extracting(ServerSentEvent::data)
                .containsExactly(MemberUpdate.current("ann", 5, 100, "GREEN", null, AT), balance(6, 110), offer, balance(7, 120)));
    }

    @Test
    void eachEventIsNamedByItsKindWithTheAccountSequenceOrTheEventIdAsId() {
        assertThat(MemberStream.event(balance(6, 110))).satisfies(e -> {
            assertThat(e.event()).isEqualTo("balance");
            assertThat(e.id()).isEqualTo("6");
        });
        assertThat(MemberStream.event(MemberUpdate.tier("ann", 7L, "E-7", "GOLD", "GREEN", "QUALIFIED", null, AT)).event()).isEqualTo("tier");
        assertThat(MemberStream.event(MemberUpdate.offer("ann", null, "E-X", null, AT))).satisfies(e -> {
            assertThat(e.event()).isEqualTo("offer");
            assertThat(e.id()).isEqualTo("E-X");
        });
    }

    @Test
    void cancellingTheStreamEndsTheSubscription() {
        Disposable stream = streams.open("ann").subscribe(received::add);
        answer.complete(MemberUpdate.current("ann", 5, 100, "GREEN", null, AT));
        await().until(() -> received.size() == 1);
        assertThat(emitter.activeSubscriptions()).hasSize(1);

        stream.dispose();

        assertThat(emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void cancellingBeforeTheCurrentStateArrivedEndsTheSubscriptionToo() {
        Disposable stream = streams.open("ann").subscribe(received::add);
        assertThat(emitter.activeSubscriptions()).hasSize(1);

        stream.dispose();

        assertThat(emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void aMemberTheReadModelDoesNotKnowEndsTheStream() {
        AtomicBoolean completed = new AtomicBoolean();
        streams.open("ann").subscribe(received::add, e -> { }, () -> completed.set(true));

        answer.complete(null);

        await().untilTrue(completed);
        assertThat(received).isEmpty();
        assertThat(emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void anIdleStreamSendsAHeartbeatComment() {
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        queryBus.subscribe(WatchMember.class.getName(), MemberUpdate.class,
                query -> CompletableFuture.completedFuture(MemberUpdate.current("ann", 5, 100, "GREEN", null, AT)));
        MemberStream quick = new MemberStream(DefaultQueryGateway.builder().queryBus(queryBus).build(), Duration.ofMillis(50));

        List<ServerSentEvent<MemberUpdate>> events = quick.open("ann").take(Duration.ofMillis(500)).collectList().block(Duration.ofSeconds(10));

        assertThat(events).filteredOn(e -> e.data() != null).extracting(e -> e.data().reason()).containsExactly("CURRENT");
        assertThat(events).filteredOn(e -> e.data() == null).hasSizeGreaterThanOrEqualTo(2).allSatisfy(heartbeat -> {
            assertThat(heartbeat.comment()).isEqualTo(MemberStream.HEARTBEAT);
            assertThat(heartbeat.event()).isNull();
        });
        assertThat(emitter.activeSubscriptions()).isEmpty();
    }

    @Test
    void streamsEndWhenTheApplicationClosesAndLetTheirSubscriptionsGo() {
        AtomicBoolean completed = new AtomicBoolean();
        streams.open("ann").subscribe(received::add, e -> { }, () -> completed.set(true));
        answer.complete(MemberUpdate.current("ann", 5, 100, "GREEN", null, AT));

        streams.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        await().untilTrue(completed);
        assertThat(emitter.activeSubscriptions()).isEmpty();
    }
}
