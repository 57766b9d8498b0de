package org.loyalty.rules.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyalty.api.points.BucketDraw;

/**
 * A member's points as dated buckets, oldest first, and a debt (points owed after a return took back
 * points that were already spent). Spending and expiry take from the oldest buckets first.
 *
 * <p>Plans ({@code planSpend}, {@code planTakeBack}, {@code dueForExpiry}) only read; the account
 * records a plan in an event and applies it with {@link #take}/{@link #restore} when the event is
 * applied, so that replaying the events rebuilds exactly the same buckets.
 */
public final class PointBuckets {

    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private long debt;
    // Kept in step with every change of a bucket (replace), because a purchase asks for the balance and the next
    // expiry while a member's buckets only ever grow: walking them all made each purchase cost more than the last
    // (a tenth of the application's CPU after a few minutes of 2,000 purchases/s; bench/NOTES.md item 29).
    private final NavigableSet<Bucket> holding = new TreeSet<>(Comparator.comparingLong(Bucket::opened)); // with points left
    private final NavigableMap<Instant, Integer> expiriesHeld = new TreeMap<>(); // their expiry dates, counted
    private long remaining;

    /**
     * One earning: {@code remaining} of its {@code points} are left; {@code expired} of them ran out of time.
     * {@code opened} counts the buckets opened before it: the order in which they are drawn.
     */
    public record Bucket(String id, long points, long remaining, long expired, Instant availableAt, Instant expiresAt, long opened) {

        boolean isSpendableAt(Instant now) {
            return remaining > 0 && !availableAt.isAfter(now) && !isExpiredAt(now);
        }

        boolean isExpiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        Bucket withRemaining(long value) {
            return new Bucket(id, points, value, expired, availableAt, expiresAt, opened);
        }

        Bucket withExpired(long value) {
            return new Bucket(id, points, remaining, value, availableAt, expiresAt, opened);
        }
    }

    /**
     * What a take-back draws from buckets, what it could not find there and leaves owed, and what it
     * forgives because those points of the preferred bucket had already expired (they are gone once).
     */
    public record TakeBack(List<BucketDraw> draws, long debt, long alreadyExpired) {

        public long balanceChange() {
            return -(draws.stream().mapToLong(BucketDraw::points).sum() + debt);
        }
    }

    /** Opens a bucket with {@code points} (after any debt was repaid from the earning). */
    public void open(String id, long points, Instant availableAt, Instant expiresAt) {
        if (buckets.containsKey(id)) {
            throw new IllegalStateException("bucket " + id + " exists already");
        }
        replace(null, new Bucket(id, points, points, 0, availableAt, expiresAt, buckets.size()));
    }

    /** How much of a new earning goes to paying off the debt first. */
    public long debtRepaidBy(long earned) {
        return Math.min(debt, earned);
    }

    public void repayDebt(long points) {
        debt -= points;
    }

    public void incurDebt(long points) {
        debt += points;
    }

    /** Oldest spendable buckets first; empty when fewer than {@code points} are available. */
    public Optional<List<BucketDraw>> planSpend(long points, Instant now) {
        if (available(now) < points) {
            return Optional.empty();
        }
        List<BucketDraw> draws = new ArrayList<>();
        long left = points;
        for (Bucket bucket : holding) {
            if (left == 0) {
                break;
            }
            if (bucket.isSpendableAt(now)) {
                long drawn = Math.min(left, bucket.remaining());
                draws.add(new BucketDraw(bucket.id(), drawn));
                left -= drawn;
            }
        }
        return Optional.of(draws);
    }

    /**
     * Takes points back (a return, a negative adjustment): from {@code preferredBucket} first (the
     * purchase's own points); what of that bucket already expired is not taken again; then the oldest
     * buckets, pending ones included; whatever is still missing becomes debt and the balance goes negative.
     */
    public TakeBack planTakeBack(String preferredBucket, long points) {
        List<BucketDraw> draws = new ArrayList<>();
        long left = points;
        long alreadyExpired = 0;
        Bucket preferred = preferredBucket == null ? null : buckets.get(preferredBucket);
        if (preferred != null) {
            long drawn = Math.min(left, preferred.remaining());
            if (drawn > 0) {
                draws.add(new BucketDraw(preferred.id(), drawn));
                left -= drawn;
            }
            alreadyExpired = Math.min(left, preferred.expired());
            left -= alreadyExpired;
        }
        for (Bucket bucket : holding) {
            if (left == 0) {
                break;
            }
            if (bucket != preferred) {
                long drawn = Math.min(left, bucket.remaining());
                draws.add(new BucketDraw(bucket.id(), drawn));
                left -= drawn;
            }
        }
        return new TakeBack(draws, left, alreadyExpired);
    }

    /** The remaining points of every bucket whose own expiry has come. */
    public List<BucketDraw> dueForExpiry(Instant now) {
        return holding.stream()
                .filter(b -> b.isExpiredAt(now))
                .map(b -> new BucketDraw(b.id(), b.remaining()))
                .toList();
    }

    /** Every remaining point, for an expiry of the whole account. */
    public List<BucketDraw> everything() {
        return holding.stream()
                .map(b -> new BucketDraw(b.id(), b.remaining()))
                .toList();
    }

    public void take(List<BucketDraw> draws) {
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            if (draw.points() > bucket.remaining()) {
                throw new IllegalStateException("bucket " + bucket.id() + " holds " + bucket.remaining() + ", not " + draw.points());
            }
            replace(bucket, bucket.withRemaining(bucket.remaining() - draw.points()));
        }
    }

    /** Takes the draws as expired: gone, and remembered so that a return does not take them again. */
    public void expire(List<BucketDraw> draws) {
        take(draws);
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            replace(bucket, bucket.withExpired(bucket.expired() + draw.points()));
        }
    }

    /** A return no longer owes these expired points of the bucket. */
    public void forgiveExpired(String bucketId, long points) {
        if (points > 0) {
            Bucket bucket = bucket(bucketId);
            replace(bucket, bucket.withExpired(bucket.expired() - points));
        }
    }

    public void restore(List<BucketDraw> draws) {
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            replace(bucket, bucket.withRemaining(bucket.remaining() + draw.points()));
        }
    }

    /** Every point held minus the debt: negative while a debt is larger than the buckets. */
    public long balance() {
        return remaining - debt;
    }

    /** What can be spent now: past the pending period, not expired, minus the debt. */
    public long available(Instant now) {
        return holding.stream().filter(b -> b.isSpendableAt(now)).mapToLong(Bucket::remaining).sum() - debt;
    }

    public long pending(Instant now) {
        return holding.stream().filter(b -> b.availableAt().isAfter(now))
                .mapToLong(Bucket::remaining).sum();
    }

    public long debt() {
        return debt;
    }

    /** The earliest expiry among buckets that still hold points. */
    public Optional<Instant> nextExpiry() {
        return expiriesHeld.isEmpty() ? Optional.empty() : Optional.of(expiriesHeld.firstKey());
    }

    public Optional<Bucket> find(String id) {
        return Optional.ofNullable(buckets.get(id));
    }

    /** Puts {@code updated} in place of {@code old} (null: a new bucket), keeping the running figures in step. */
    private void replace(Bucket old, Bucket updated) {
        buckets.put(updated.id(), updated);
        if (old != null && old.remaining() > 0) {
            remaining -= old.remaining();
            holding.remove(old);
            if (old.expiresAt() != null) {
                expiriesHeld.computeIfPresent(old.expiresAt(), (at, count) -> count == 1 ? null : count - 1);
            }
        }
        if (updated.remaining() > 0) {
            remaining += updated.remaining();
            holding.add(updated);
            if (updated.expiresAt() != null) {
                expiriesHeld.merge(updated.expiresAt(), 1, Integer::sum);
            }
        }
    }

    private Bucket bucket(String id) {
        Bucket bucket = buckets.get(id);
        if (bucket == null) {
            throw new IllegalStateException("no bucket " + id);
        }
        return bucket;
    }
}
