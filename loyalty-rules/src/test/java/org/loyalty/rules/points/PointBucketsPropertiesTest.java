package org.loyalty.rules.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyalty.api.points.BucketDraw;

/**
 * The running balance, the held buckets' order and the next expiry that PointBuckets keeps in step with each change
 * agree, after any sequence of earnings, spends, expiries and restores, with the same figures walked from every bucket.
 */
class PointBucketsPropertiesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Property(tries = 300)
    void theKeptFiguresEqualAWalkOverEveryBucket(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> steps) {
        PointBuckets buckets = new PointBuckets();
        List<String> opened = new ArrayList<>();
        List<List<BucketDraw>> spends = new ArrayList<>();
        for (int step : steps) {
            Instant now = T0.plusSeconds(86_400L * (step % 40));
            switch (step % 4) {
                case 0, 1 -> {
                    String id = "b" + opened.size();
                    // Some never expire; the others expire 10 to 39 days after T0, several on the same day.
                    Instant expiresAt = step % 5 == 0 ? null : T0.plusSeconds(86_400L * (10 + step % 30));
                    buckets.open(id, 1 + step % 97, T0, expiresAt);
                    opened.add(id);
                }
                case 2 -> buckets.planSpend(1 + step % 150, now).ifPresent(draws -> {
                    buckets.take(draws);
                    spends.add(draws);
                });
                default -> {
                    if (!spends.isEmpty() && step % 3 == 0) {
                        buckets.restore(spends.remove(step % spends.size()));
                    } else {
                        buckets.expire(buckets.dueForExpiry(now));
                    }
                }
            }
            List<PointBuckets.Bucket> all = opened.stream().map(id -> buckets.find(id).orElseThrow()).toList();
            assertThat(buckets.balance()).isEqualTo(all.stream().mapToLong(PointBuckets.Bucket::remaining).sum());
            assertThat(buckets.everything()).isEqualTo(all.stream().filter(b -> b.remaining() > 0)
                    .map(b -> new BucketDraw(b.id(), b.remaining())).toList());
            Optional<Instant> earliest = all.stream().filter(b -> b.remaining() > 0).map(PointBuckets.Bucket::expiresAt)
                    .filter(Objects::nonNull).min(Comparator.naturalOrder());
            assertThat(buckets.nextExpiry()).isEqualTo(earliest);
        }
    }
}
