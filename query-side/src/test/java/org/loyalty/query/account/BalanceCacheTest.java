package org.loyalty.query.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.MemberBalance;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class BalanceCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    /** What the database holds: the balance each read answers, and until when. */
    private long stored = 10;
    private Instant storedValidUntil;
    /** Reads that went to the "database", in order; a read waits on its sink when {@link #held} is set. */
    private final List<String> reads = new ArrayList<>();
    private boolean held;
    private final List<Sinks.One<Boolean>> pending = new ArrayList<>();
    private BalanceCache cache;

    @BeforeEach
    void listening() {
        cache = cache(100, Duration.ofMinutes(10));
        cache.listening(true);
    }

    private BalanceCache cache(int size, Duration maxAge) {
        return new BalanceCache(this::read, clock, size, maxAge);
    }

    private Mono<BalanceSnapshot> read(String memberId, Instant now) {
        return Mono.defer(() -> {
            reads.add(memberId);
            if (memberId.startsWith("unknown")) {
                return Mono.empty();
            }
            BalanceSnapshot snapshot = new BalanceSnapshot(balance(memberId, stored, now), now, storedValidUntil);
            if (!held) {
                return Mono.just(snapshot);
            }
            Sinks.One<Boolean> sink = Sinks.one();
            pending.add(sink);
            long value = stored;
            // The answer is what the database held when the read started (its snapshot), delivered later.
            return sink.asMono().map(ignored -> new BalanceSnapshot(balance(memberId, value, now), now, storedValidUntil));
        });
    }

    private static MemberBalance balance(String memberId, long points, Instant asOf) {
        return new MemberBalance(memberId, points, points, 0, points, List.of(), null,
                new MemberBalance.TierProgress("GREEN", points, "GOLD", 500 - points, null, 0), asOf, asOf);
    }

    private long balanceOf(String memberId) {
        return cache.balance(memberId).map(MemberBalance::balance).block();
    }

    @Test
    void aSecondReadIsAnsweredFromMemoryStampedWithItsOwnTime() {
        assertThat(balanceOf("m1")).isEqualTo(10);
        clock.set(T0.plusSeconds(5));
        MemberBalance again = cache.balance("m1").block();

        assertThat(again.balance()).isEqualTo(10);
        assertThat(again.asOf()).isEqualTo(T0.plusSeconds(5));
        assertThat(reads).containsExactly("m1");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aForgottenMemberIsReadAgain() {
        balanceOf("m1");
        balanceOf("m2");
        stored = 25;
        cache.forget(Set.of("m1"));

        assertThat(balanceOf("m1")).isEqualTo(25);
        assertThat(balanceOf("m2")).as("another member's answer is kept").isEqualTo(10);
        assertThat(reads).containsExactly("m1", "m2", "m1");
    }

    @Test
    void aChangeHeardWhileTheReadIsUnderWayKeepsItsAnswerOutOfMemory() {
        held = true;
        Mono<MemberBalance> first = cache.balance("m1");
        List<Long> answered = new ArrayList<>();
        first.subscribe(b -> answered.add(b.balance()));
        // The read's snapshot holds 10; a change to 25 commits and is heard before the answer arrives.
        stored = 25;
        cache.forget(Set.of("m1"));
        pending.get(0).tryEmitValue(true);
        assertThat(answered).containsExactly(10L);

        held = false;
        assertThat(balanceOf("m1")).as("the stale answer was not kept").isEqualTo(25);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aChangeHeardAfterTheAnswerWasKeptRemovesIt() {
        balanceOf("m1");
        stored = 25;
        cache.forget(Set.of("m1"));
        assertThat(balanceOf("m1")).isEqualTo(25);
        assertThat(balanceOf("m1")).isEqualTo(25);
        assertThat(reads).hasSize(2);
    }

    @Test
    void timeAloneEndsAnAnswerAtItsValidUntil() {
        storedValidUntil = T0.plusSeconds(60);
        balanceOf("m1");
        clock.set(T0.plusSeconds(59));
        balanceOf("m1");
        assertThat(reads).as("kept before its end").hasSize(1);
        clock.set(T0.plusSeconds(60));
        balanceOf("m1");
        assertThat(reads).as("read again at its end").hasSize(2);
    }

    @Test
    void noAnswerOutlivesTheMaximumAge() {
        cache = cache(100, Duration.ofMinutes(1));
        cache.listening(true);
        balanceOf("m1");
        clock.set(T0.plus(Duration.ofMinutes(1)).minusMillis(1));
        balanceOf("m1");
        clock.set(T0.plus(Duration.ofMinutes(1)));
        balanceOf("m1");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aClockSetBackNeverSeesAnAnswerComputedLater() {
        balanceOf("m1");
        clock.set(T0.minusSeconds(1));
        balanceOf("m1");
        assertThat(reads).hasSize(2);
    }

    @Test
    void nothingIsKeptWhileNotListeningAndEverythingIsForgottenWhenListeningStopsOrStarts() {
        balanceOf("m1");
        cache.listening(false);
        assertThat(cache.size()).isZero();
        balanceOf("m1");
        balanceOf("m1");
        assertThat(reads).as("every read goes to the database").hasSize(3);

        cache.listening(true);
        balanceOf("m1");
        balanceOf("m1");
        assertThat(reads).hasSize(4);
        cache.listening(true);
        balanceOf("m1");
        assertThat(reads).as("a new start of listening forgets what was kept").hasSize(5);
    }

    @Test
    void aReadUnderWayWhenListeningStopsIsNotKept() {
        held = true;
        cache.balance("m1").subscribe();
        cache.listening(false);
        cache.listening(true);
        pending.get(0).tryEmitValue(true);
        held = false;
        balanceOf("m1");
        assertThat(reads).hasSize(2);
    }

    @Test
    void forgettingEveryoneEmptiesTheCache() {
        balanceOf("m1");
        balanceOf("m2");
        cache.forgetAll();
        assertThat(cache.size()).isZero();
        balanceOf("m1");
        assertThat(reads).containsExactly("m1", "m2", "m1");
    }

    @Test
    void anUnknownMemberIsEmptyAndLeavesNothingBehind() {
        assertThat(cache.balance("unknown-1").blockOptional()).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.balance("unknown-1").blockOptional()).isEmpty();
        assertThat(reads).hasSize(2);
    }

    @Test
    void aFailedReadLeavesNothingBehind() {
        BalanceCache failing = new BalanceCache((id, now) -> Mono.error(new IllegalStateException("database down")), clock, 10,
                Duration.ofMinutes(1));
        failing.listening(true);
        assertThatThrownBy(() -> failing.balance("m1").block()).hasMessageContaining("database down");
        assertThat(failing.size()).isZero();
    }

    @Test
    void sizeZeroKeepsNothing() {
        cache = cache(0, Duration.ofMinutes(1));
        cache.listening(true);
        balanceOf("m1");
        balanceOf("m1");
        assertThat(reads).hasSize(2);
        assertThat(cache.enabled()).isFalse();
    }

    @Test
    void refusesANegativeSizeOrANonPositiveAge() {
        assertThatThrownBy(() -> cache(-1, Duration.ofMinutes(1))).hasMessageContaining("balance-cache.size");
        assertThatThrownBy(() -> cache(10, Duration.ZERO)).hasMessageContaining("balance-cache.max-age");
    }

    /** A clock the test sets. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
