package org.loyalty.rules.adjustment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.error.Violation;

class AdjustmentValidatorTest {

    private final AdjustmentValidator validator = new AdjustmentValidator(500);

    private static AdjustPoints adjustment(long points) {
        return new AdjustPoints("m-1", "adj-1", "staff-1", points, "goodwill");
    }

    @Test
    void aWellFormedAdjustmentHasNoViolations() {
        assertThat(validator.violations(adjustment(100))).isEmpty();
        assertThat(validator.violations(adjustment(-100))).isEmpty();
    }

    @Test
    void zeroPointsIsNotAnAdjustment() {
        assertThat(validator.violations(adjustment(0))).containsExactly(new Violation("points", "must not be 0"));
    }

    @Test
    void idsAndAReasonAreRequired() {
        assertThat(validator.violations(new AdjustPoints(" ", "adj 1", null, 5, ""))).containsExactly(
                new Violation("memberId", "must not be blank"),
                new Violation("adjustmentId", "may contain only letters, digits and . _ : -"),
                new Violation("staffId", "must not be blank"),
                new Violation("reason", "must not be blank"));
    }

    @Test
    void aReasonOfFiveHundredCharactersIsAcceptedAndOneMoreIsTooLong() {
        assertThat(validator.violations(new AdjustPoints("m-1", "adj-1", "staff-1", 5, "r".repeat(500)))).isEmpty();
        assertThat(validator.violations(new AdjustPoints("m-1", "adj-1", "staff-1", 5, "r".repeat(501))))
                .containsExactly(new Violation("reason", "must be at most 500 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0} points")
    @ValueSource(longs = {1, -1, 500, -500})
    void upToTheLimitInEitherDirectionIsWithinIt(long points) {
        assertThat(validator.exceedsLimit(adjustment(points))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0} points")
    @ValueSource(longs = {501, -501, Long.MAX_VALUE, -Long.MAX_VALUE})
    void beyondTheLimitInEitherDirectionExceedsIt(long points) {
        assertThat(validator.exceedsLimit(adjustment(points))).isTrue();
    }

    @Test
    void theMostNegativeLongExceedsTheLimit() {
        assertThat(validator.exceedsLimit(adjustment(Long.MIN_VALUE))).isTrue();
    }

    @Test
    void theLimitIsTheConfiguredOne() {
        assertThat(validator.maxPointsPerAdjustment()).isEqualTo(500);
        assertThat(new AdjustmentValidator(50).exceedsLimit(adjustment(51))).isTrue();
    }
}
