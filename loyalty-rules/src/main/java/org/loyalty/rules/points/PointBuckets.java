package org.loyalty.rules.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** One earning: {@code remaining} of its {@code points} are left; {@code expired} of them ran out of time. */
    public record Bucket(String id, long points, long remaining, long expired, Instant availableAt, Instant expiresAt) {

        boolean isSpendableAt(Instant now) {
            return remaining > 0 && !availableAt.isAfter(now) && !isExpiredAt(now);
        }

        boolean isExpiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        Bucket withRemaining(long value) {
            return new Bucket(id, points, value, expired, availableAt, expiresAt);
        }

        Bucket withExpired(long value) {
            return new Bucket(id, points, remaining, value, availableAt, expiresAt);
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
        buckets.put(id, new Bucket(id, points, points, 0, availableAt, expiresAt));
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
        for (Bucket bucket : buckets.values()) {
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
        for (Bucket bucket : buckets.values()) {
            if (left == 0) {
                break;
            }
            if (bucket != preferred && bucket.remaining() > 0) {
                long drawn = Math.min(left, bucket.remaining());
                draws.add(new BucketDraw(bucket.id(), drawn));
                left -= drawn;
            }
        }
        return new TakeBack(draws, left, alreadyExpired);
    }

    /** The remaining points of every bucket whose own expiry has come. */
    public List<BucketDraw> dueForExpiry(Instant now) {
        return buckets.values().stream()
                .filter(b -> b.remaining() > 0 && b.isExpiredAt(now))
                .map(b -> new BucketDraw(b.id(), b.remaining()))
                .toList();
    }

    /** Every remaining point, for an expiry of the whole account. */
    public List<BucketDraw> everything() {
        return buckets.values().stream()
                .filter(b -> b.remaining() > 0)
                .map(b -> new BucketDraw(b.id(), b.remaining()))
                .toList();
    }

    public void take(List<BucketDraw> draws) {
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            if (draw.points() > bucket.remaining()) {
                throw new IllegalStateException("bucket " + bucket.id() + " holds " + bucket.remaining() + ", not " + draw.points());
            }
            buckets.put(bucket.id(), bucket.withRemaining(bucket.remaining() - draw.points()));
        }
    }

    /** Takes the draws as expired: gone, and remembered so that a return does not take them again. */
    public void expire(List<BucketDraw> draws) {
        take(draws);
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            buckets.put(bucket.id(), bucket.withExpired(bucket.expired() + draw.points()));
        }
    }

    /** A return no longer owes these expired points of the bucket. */
    public void forgiveExpired(String bucketId, long points) {
        if (points > 0) {
            Bucket bucket = bucket(bucketId);
            buckets.put(bucket.id(), bucket.withExpired(bucket.expired() - points));
        }
    }

    public void restore(List<BucketDraw> draws) {
        for (BucketDraw draw : draws) {
            Bucket bucket = bucket(draw.bucketId());
            buckets.put(bucket.id(), bucket.withRemaining(bucket.remaining() + draw.points()));
        }
    }

    /** Every point held minus the debt: negative while a debt is larger than the buckets. */
    public long balance() {
        return buckets.values().stream().mapToLong(Bucket::remaining).sum() - debt;
    }

    /** What can be spent now: past the pending period, not expired, minus the debt. */
    public long available(Instant now) {
        return buckets.values().stream().filter(b -> b.isSpendableAt(now)).mapToLong(Bucket::remaining).sum() - debt;
    }

    public long pending(Instant now) {
        return buckets.values().stream().filter(b -> b.remaining() > 0 && b.availableAt().isAfter(now))
                .mapToLong(Bucket::remaining).sum();
    }

    public long debt() {
        return debt;
    }

    /** The earliest expiry among buckets that still hold points. */
    public Optional<Instant> nextExpiry() {
        return buckets.values().stream()
                .filter(b -> b.remaining() > 0 && b.expiresAt() != null)
                .map(Bucket::expiresAt)
                .min(Instant::compareTo);
    }

    public Optional<Bucket> find(String id) {
        return Optional.ofNullable(buckets.get(id));
    }

    private Bucket bucket(String id) {
        Bucket bucket = buckets.get(id);
        if (bucket == null) {
            throw new IllegalStateException("no bucket " + id);
        }
        return bucket;
    }
}
