package org.loyalty.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.MemberUpdate;

class RecentMemberUpdatesTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    final AtomicLong nanos = new AtomicLong();
    final RecentMemberUpdates recent = new RecentMemberUpdates(3, Duration.ofSeconds(60), nanos::get);

    static MemberUpdate readModel(String memberId, long sequence, long balance, String tier) {
        return MemberUpdate.current(memberId, sequence, balance, tier, null, T0);
    }

    static MemberUpdate balance(String memberId, long sequence, long balance) {
        return MemberUpdate.balance(memberId, sequence, "E-" + sequence, balance, 10, "EARNED", null, T0.plusSeconds(sequence));
    }

    static MemberUpdate tier(String memberId, long sequence, String tier) {
        return MemberUpdate.tier(memberId, sequence, "E-" + sequence, tier, "GREEN", "QUALIFIED", T0.plusSeconds(400), T0.plusSeconds(sequence));
    }

    @Test
    void aReadModelThatIsBehindIsBroughtUpToDate() {
        recent.record(balance("ann", 6, 510));
        recent.record(tier("ann", 7, "GOLD"));

        assertThat(recent.newest(readModel("ann", 5, 500, "GREEN")))
                .isEqualTo(MemberUpdate.current("ann", 7, 510, "GOLD", T0.plusSeconds(400), T0.plusSeconds(7)));
    }

    @Test
    void aReadModelThatIsAheadIsKept() {
        recent.record(balance("ann", 6, 510));
        MemberUpdate ahead = readModel("ann", 8, 530, "GOLD");

        assertThat(recent.newest(ahead)).isSameAs(ahead);
    }

    @Test
    void onlyTheNewerOfTwoKindsIsTaken() {
        recent.record(tier("ann", 4, "GOLD"));
        recent.record(balance("ann", 6, 510));

        assertThat(recent.newest(readModel("ann", 5, 500, "GOLD")))
                .isEqualTo(MemberUpdate.current("ann", 6, 510, "GOLD", null, T0.plusSeconds(6)));
    }

    @Test
    void anOlderUpdateNeverReplacesANewerOne() {
        recent.record(balance("ann", 6, 510));
        recent.record(balance("ann", 3, 480));

        assertThat(recent.newest(readModel("ann", 2, 470, "GREEN")).balance()).isEqualTo(510);
    }

    @Test
    void offersAndUpdatesWithoutAnAccountSequenceAreNotKept() {
        recent.record(MemberUpdate.offer("ann", 9L, "E-9", null, T0));
        recent.record(MemberUpdate.balance("ann", null, "E-10", 999, 1, "EARNED", null, T0));

        assertThat(recent.size()).isZero();
    }

    @Test
    void updatesAreForgottenAfterTheirTimeToLive() {
        recent.record(balance("ann", 6, 510));
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(recent.newest(readModel("ann", 5, 500, "GREEN")).balance()).isEqualTo(500);
        recent.record(balance("ben", 1, 10));
        assertThat(recent.size()).as("ann's expired entry goes with the next record").isEqualTo(1);
    }

    @Test
    void theLeastRecentlyChangedMemberGoesFirstWhenFull() {
        recent.record(balance("ann", 1, 10));
        recent.record(balance("ben", 1, 10));
        recent.record(balance("cy", 1, 10));
        recent.record(balance("ann", 2, 20));
        recent.record(balance("dee", 1, 10));

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.newest(readModel("ben", 0, 0, "GREEN")).balance()).as("ben was dropped").isZero();
        assertThat(recent.newest(readModel("ann", 0, 0, "GREEN")).balance()).isEqualTo(20);
    }
}
