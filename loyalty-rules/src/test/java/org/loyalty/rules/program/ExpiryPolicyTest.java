package org.loyalty.rules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryPolicyTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    // ---- never ----

    @Test
    void neverHasNoDates() {
        ExpiryPolicy never = new ExpiryPolicy.Never();

        assertThat(never.bucketExpiry(at("2025-03-15T10:00:00Z"), UTC)).isNull();
        assertThat(never.inactivityDeadline(at("2025-03-15T10:00:00Z"), UTC)).isNull();
    }

    // ---- months after the earned month ----

    @ParameterizedTest(name = "[{index}] earned {0} -> expires {1}")
    @CsvSource({
            "2025-03-15T10:00:00Z, 2025-10-01T00:00:00Z",
            "2025-03-01T00:00:00Z, 2025-10-01T00:00:00Z",
            "2025-03-31T23:59:59Z, 2025-10-01T00:00:00Z",
            "2025-08-31T12:00:00Z, 2026-03-01T00:00:00Z",
            "2025-12-24T12:00:00Z, 2026-07-01T00:00:00Z",
            "2024-02-29T12:00:00Z, 2024-09-01T00:00:00Z"})
    void aBucketExpiresWhenTheSixthMonthAfterItsMonthEnds(String earnedAt, String expiresAt) {
        assertThat(new ExpiryPolicy.MonthsAfterEarnedMonth(6).bucketExpiry(at(earnedAt), UTC)).isEqualTo(at(expiresAt));
    }

    @Test
    void zeroMonthsAfterTheEarnedMonthIsTheEndOfThatMonth() {
        assertThat(new ExpiryPolicy.MonthsAfterEarnedMonth(0).bucketExpiry(at("2025-03-15T10:00:00Z"), UTC))
                .isEqualTo(at("2025-04-01T00:00:00Z"));
    }

    @Test
    void theEarnedMonthIsTheMonthInTheProgramsZone() {
        // 23:30 UTC on 31 March is 1 April in Paris: the bucket belongs to April and expires at the start of November, Paris time.
        ZoneId paris = ZoneId.of("Europe/Paris");

        assertThat(new ExpiryPolicy.MonthsAfterEarnedMonth(6).bucketExpiry(at("2025-03-31T23:30:00Z"), paris))
                .isEqualTo(at("2025-10-31T23:00:00Z"));
    }

    @Test
    void monthsAfterTheEarnedMonthHasNoInactivityDeadlineAndNoNegativeMonths() {
        assertThat(new ExpiryPolicy.MonthsAfterEarnedMonth(6).inactivityDeadline(at("2025-03-15T10:00:00Z"), UTC)).isNull();
        assertThatThrownBy(() -> new ExpiryPolicy.MonthsAfterEarnedMonth(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- inactivity ----

    @ParameterizedTest(name = "[{index}] last purchase {0} -> everything expires {1}")
    @CsvSource({
            "2025-03-15T10:00:00Z, 2025-09-15T10:00:00Z",
            "2025-08-31T10:00:00Z, 2026-02-28T10:00:00Z",
            "2027-08-31T10:00:00Z, 2028-02-29T10:00:00Z",
            "2025-03-31T10:00:00Z, 2025-09-30T10:00:00Z",
            "2025-12-31T23:00:00Z, 2026-06-30T23:00:00Z"})
    void everythingExpiresSixCalendarMonthsAfterTheLastPurchaseClampedAtTheMonthsEnd(String lastPurchase, String deadline) {
        assertThat(new ExpiryPolicy.Inactivity(6).inactivityDeadline(at(lastPurchase), UTC)).isEqualTo(at(deadline));
    }

    @Test
    void theInactivityMonthsAreCalendarMonthsInTheProgramsZone() {
        // 02:00 UTC on 1 September is 31 August, 22:00 in New York: six months later is 28 February, 22:00 (EST).
        ZoneId newYork = ZoneId.of("America/New_York");

        assertThat(new ExpiryPolicy.Inactivity(6).inactivityDeadline(at("2025-09-01T02:00:00Z"), newYork))
                .isEqualTo(at("2026-03-01T03:00:00Z"));
    }

    @Test
    void withoutAPurchaseThereIsNoInactivityDeadlineAndBucketsHaveNoOwnExpiry() {
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(6);

        assertThat(inactivity.inactivityDeadline(null, UTC)).isNull();
        assertThat(inactivity.bucketExpiry(at("2025-03-15T10:00:00Z"), UTC)).isNull();
    }

    @Test
    void inactivityNeedsAtLeastOneMonth() {
        assertThatThrownBy(() -> new ExpiryPolicy.Inactivity(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
