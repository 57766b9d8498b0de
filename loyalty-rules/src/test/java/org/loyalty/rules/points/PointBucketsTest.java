package org.loyalty.rules.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.points.BucketDraw;

class PointBucketsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2025-10-01T00:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2025-11-01T00:00:00Z");

    private final PointBuckets buckets = new PointBuckets();

    private static BucketDraw draw(String bucket, long points) {
        return new BucketDraw(bucket, points);
    }

    /** a: 30 (oldest), b: 40, c: 50; all spendable since T0, none expiring. */
    private PointBuckets threeBuckets() {
        buckets.open("a", 30, T0, null);
        buckets.open("b", 40, T0, null);
        buckets.open("c", 50, T0, null);
        return buckets;
    }

    // ---- balance ----

    @Test
    void theBalanceIsWhatTheBucketsHold() {
        threeBuckets();

        assertThat(buckets.balance()).isEqualTo(120);
        assertThat(buckets.available(NOW)).isEqualTo(120);
        assertThat(buckets.pending(NOW)).isZero();
    }

    @Test
    void pendingPointsCountInTheBalanceButAreNotAvailableUntilTheirAvailableAt() {
        buckets.open("a", 30, T0, null);
        buckets.open("b", 40, NOW.plus(Duration.ofDays(14)), null);

        assertThat(buckets.balance()).isEqualTo(70);
        assertThat(buckets.available(NOW)).isEqualTo(30);
        assertThat(buckets.pending(NOW)).isEqualTo(40);
        assertThat(buckets.available(NOW.plus(Duration.ofDays(14)))).isEqualTo(70);
    }

    @Test
    void aBucketPastItsExpiryIsNotAvailableFromItsExpiryInstantOn() {
        Instant expiry = Instant.parse("2025-10-01T00:00:00Z");
        buckets.open("a", 30, T0, expiry);

        assertThat(buckets.available(expiry.minusSeconds(1))).isEqualTo(30);
        assertThat(buckets.available(expiry)).isZero();
    }

    @Test
    void aBucketIdIsOpenedOnce() {
        buckets.open("a", 30, T0, null);

        assertThatThrownBy(() -> buckets.open("a", 10, T0, null)).isInstanceOf(IllegalStateException.class);
    }

    // ---- spending ----

    @Test
    void spendingTakesTheOldestBucketsFirst() {
        threeBuckets();

        assertThat(buckets.planSpend(60, NOW)).contains(List.of(draw("a", 30), draw("b", 30)));
    }

    @Test
    void spendingExactlyEverythingDrawsEveryBucket() {
        threeBuckets();

        assertThat(buckets.planSpend(120, NOW)).contains(List.of(draw("a", 30), draw("b", 40), draw("c", 50)));
    }

    @Test
    void spendingMoreThanIsAvailableHasNoPlan() {
        threeBuckets();

        assertThat(buckets.planSpend(121, NOW)).isEmpty();
    }

    @Test
    void spendingSkipsPendingAndExpiredBuckets() {
        buckets.open("expired", 30, T0, NOW);
        buckets.open("pending", 40, NOW.plusSeconds(1), null);
        buckets.open("ok", 50, T0, null);

        assertThat(buckets.planSpend(25, NOW)).contains(List.of(draw("ok", 25)));
        assertThat(buckets.planSpend(51, NOW)).isEmpty();
    }

    @Test
    void aPlanChangesNothingUntilItIsTaken() {
        threeBuckets();
        List<BucketDraw> plan = buckets.planSpend(60, NOW).orElseThrow();

        assertThat(buckets.balance()).isEqualTo(120);
        buckets.take(plan);

        assertThat(buckets.balance()).isEqualTo(60);
        assertThat(buckets.planSpend(25, NOW)).contains(List.of(draw("b", 10), draw("c", 15)));
    }

    @Test
    void restoringGivesThePointsBackToTheirBucketsWithTheirExpiry() {
        Instant expiry = Instant.parse("2025-10-01T00:00:00Z");
        buckets.open("a", 30, T0, expiry);
        buckets.open("b", 40, T0, null);
        List<BucketDraw> spent = buckets.planSpend(50, NOW).orElseThrow();
        buckets.take(spent);

        buckets.restore(spent);

        assertThat(buckets.find("a")).map(PointBuckets.Bucket::remaining).contains(30L);
        assertThat(buckets.find("a")).map(PointBuckets.Bucket::expiresAt).contains(expiry);
        assertThat(buckets.dueForExpiry(expiry)).containsExactly(draw("a", 30));
    }

    @Test
    void takingMoreThanABucketHoldsOrFromAnUnknownBucketIsAnError() {
        threeBuckets();

        assertThatThrownBy(() -> buckets.take(List.of(draw("a", 31)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> buckets.take(List.of(draw("zz", 1)))).isInstanceOf(IllegalStateException.class);
    }

    // ---- taking back ----

    @Test
    void aTakeBackStartsWithThePreferredBucketThenTheOldest() {
        threeBuckets();

        assertThat(buckets.planTakeBack("c", 70)).isEqualTo(new PointBuckets.TakeBack(List.of(draw("c", 50), draw("a", 20)), 0, 0));
    }

    @Test
    void aTakeBackIncludesPendingBuckets() {
        buckets.open("pending", 40, NOW.plus(Duration.ofDays(14)), null);

        assertThat(buckets.planTakeBack(null, 30)).isEqualTo(new PointBuckets.TakeBack(List.of(draw("pending", 30)), 0, 0));
    }

    @Test
    void whatTheBucketsLackBecomesDebt() {
        buckets.open("a", 5, T0, null);

        PointBuckets.TakeBack takeBack = buckets.planTakeBack("a", 30);

        assertThat(takeBack).isEqualTo(new PointBuckets.TakeBack(List.of(draw("a", 5)), 25, 0));
        buckets.take(takeBack.draws());
        buckets.incurDebt(takeBack.debt());
        assertThat(buckets.balance()).isEqualTo(-25);
        assertThat(buckets.available(NOW)).isEqualTo(-25);
        assertThat(buckets.debt()).isEqualTo(25);
    }

    @Test
    void anUnknownOrEmptyPreferredBucketFallsBackToTheOldest() {
        threeBuckets();

        assertThat(buckets.planTakeBack("unknown", 10).draws()).containsExactly(draw("a", 10));
    }

    @Test
    void takingBackNothingDrawsNothing() {
        threeBuckets();

        assertThat(buckets.planTakeBack("a", 0)).isEqualTo(new PointBuckets.TakeBack(List.of(), 0, 0));
    }

    // ---- debt ----

    @Test
    void aNewEarningRepaysTheDebtFirstUpToItsSize() {
        buckets.incurDebt(25);

        assertThat(buckets.debtRepaidBy(10)).isEqualTo(10);
        assertThat(buckets.debtRepaidBy(40)).isEqualTo(25);

        buckets.repayDebt(25);
        buckets.open("t-2", 15, T0, null);
        assertThat(buckets.debt()).isZero();
        assertThat(buckets.balance()).isEqualTo(15);
    }

    @Test
    void withoutDebtNothingIsRepaid() {
        assertThat(buckets.debtRepaidBy(40)).isZero();
    }

    // ---- expiry ----

    @Test
    void onlyBucketsWhoseExpiryHasComeAndThatHoldPointsAreDue() {
        buckets.open("march", 30, T0, OCTOBER);
        buckets.open("april", 40, T0, NOVEMBER);
        buckets.open("never", 50, T0, null);
        buckets.open("spent", 10, T0, OCTOBER);
        buckets.take(List.of(draw("spent", 10), draw("april", 15)));

        assertThat(buckets.dueForExpiry(OCTOBER.minusSeconds(1))).isEmpty();
        assertThat(buckets.dueForExpiry(OCTOBER)).containsExactly(draw("march", 30));
        assertThat(buckets.dueForExpiry(NOVEMBER)).containsExactly(draw("march", 30), draw("april", 25));
    }

    @Test
    void everythingListsEveryBucketHoldingPointsOldestFirst() {
        threeBuckets();
        buckets.take(List.of(draw("b", 40)));

        assertThat(buckets.everything()).containsExactly(draw("a", 30), draw("c", 50));
    }

    @Test
    void theNextExpiryIsTheEarliestAmongBucketsStillHoldingPoints() {
        buckets.open("march", 30, T0, OCTOBER);
        buckets.open("april", 40, T0, NOVEMBER);
        buckets.open("never", 50, T0, null);

        assertThat(buckets.nextExpiry()).contains(OCTOBER);
        buckets.take(List.of(draw("march", 30)));
        assertThat(buckets.nextExpiry()).contains(NOVEMBER);
        buckets.take(List.of(draw("april", 40)));
        assertThat(buckets.nextExpiry()).isEmpty();
    }

    @Test
    void aBucketEmptiedAndRefilledKeepsItsPlaceAndItsExpiryAmongTheOthers() {
        buckets.open("a", 30, T0, OCTOBER);
        buckets.open("b", 40, T0, NOVEMBER);
        buckets.open("c", 50, T0, OCTOBER);
        List<BucketDraw> spent = List.of(draw("a", 30), draw("c", 50));
        buckets.take(spent);
        assertThat(buckets.balance()).isEqualTo(40);
        assertThat(buckets.nextExpiry()).contains(NOVEMBER);
        assertThat(buckets.everything()).containsExactly(draw("b", 40));

        buckets.restore(spent);

        assertThat(buckets.balance()).isEqualTo(120);
        assertThat(buckets.nextExpiry()).contains(OCTOBER);
        assertThat(buckets.everything()).containsExactly(draw("a", 30), draw("b", 40), draw("c", 50));
        assertThat(buckets.planSpend(35, NOW)).contains(List.of(draw("a", 30), draw("b", 5)));

        buckets.expire(buckets.dueForExpiry(OCTOBER));
        assertThat(buckets.balance()).isEqualTo(40);
        assertThat(buckets.nextExpiry()).contains(NOVEMBER);
        assertThat(buckets.find("c")).map(PointBuckets.Bucket::expired).contains(50L);
    }
}
