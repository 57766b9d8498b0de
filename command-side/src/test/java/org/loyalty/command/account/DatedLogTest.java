package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatedLogTest {

    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void betweenExcludesBothEndsAndAnswersOldestFirstWhateverTheOrderOfArrival() {
        DatedLog log = new DatedLog();
        for (long s : new long[] {10, 30, 20, 40, 5, 30}) {
            log.add(at(s), 0);
        }

        assertThat(log.between(at(10), at(40))).containsExactly(at(20), at(30), at(30));
        assertThat(log.between(at(0), at(100))).containsExactly(at(5), at(10), at(20), at(30), at(30), at(40));
        assertThat(log.between(at(40), at(100))).isEmpty();
        assertThat(log.between(at(30), at(10))).as("an empty period").isEmpty();
        assertThat(log.size()).isEqualTo(6);
    }

    @Test
    void countAndSumTakeTheStartAndLeaveTheEnd() {
        DatedLog log = new DatedLog();
        log.add(at(10), 5);
        log.add(at(20), 0);
        log.add(at(30), 7);
        log.add(at(15), 100);

        assertThat(log.count(at(10), at(30))).isEqualTo(3);
        assertThat(log.sum(at(10), at(30))).isEqualTo(105);
        assertThat(log.sum(at(11), at(31))).isEqualTo(107);
        assertThat(log.count(at(31), at(40))).isZero();
        assertThat(log.total()).isEqualTo(112);
    }

    @Test
    void amountsAddedBeforeTheFirstNonZeroOneCountAsZero() {
        DatedLog log = new DatedLog();
        for (int i = 0; i < 9; i++) {
            log.add(at(i), 0);
        }
        log.add(at(4), 3);

        assertThat(log.sum(at(0), at(100))).isEqualTo(3);
        assertThat(log.sum(at(5), at(100))).isZero();
        assertThat(log.count(at(4), at(5))).isEqualTo(2);
    }

    @Test
    void agreesWithAWalkOverEveryEntry() {
        Random random = new Random(46);
        record Entry(Instant at, long amount) {
        }
        for (int round = 0; round < 200; round++) {
            DatedLog log = new DatedLog();
            List<Entry> entries = new ArrayList<>();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                // mostly in order, some late, some equal
                Instant time = at(i * 10L - (random.nextInt(5) == 0 ? random.nextInt(100) : 0));
                long amount = random.nextInt(3) == 0 ? 0 : random.nextInt(50);
                log.add(time, amount);
                entries.add(new Entry(time, amount));
            }
            for (int q = 0; q < 20; q++) {
                Instant from = at(random.nextInt(700) - 100);
                Instant until = from.plusSeconds(random.nextInt(300));
                assertThat(log.count(from, until)).isEqualTo(entries.stream()
                        .filter(e -> !e.at().isBefore(from) && e.at().isBefore(until)).count());
                assertThat(log.sum(from, until)).isEqualTo(entries.stream()
                        .filter(e -> !e.at().isBefore(from) && e.at().isBefore(until)).mapToLong(Entry::amount).sum());
                assertThat(log.between(from, until)).isEqualTo(entries.stream().map(Entry::at)
                        .filter(t -> t.isAfter(from) && t.isBefore(until)).sorted(Comparator.naturalOrder()).toList());
            }
        }
    }

    @Test
    void equalLogsHoldTheSameEntries() {
        DatedLog one = new DatedLog();
        DatedLog other = new DatedLog();
        one.add(at(1), 0);
        other.add(at(1), 0);
        assertThat(one).isEqualTo(other);

        one.add(at(2), 4);
        other.add(at(2), 5);
        assertThat(one).isNotEqualTo(other);
    }
}
