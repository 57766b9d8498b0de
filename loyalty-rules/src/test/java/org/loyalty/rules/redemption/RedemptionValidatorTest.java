package org.loyalty.rules.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.redemption.RedeemReward;

class RedemptionValidatorTest {

    private final RedemptionValidator validator = new RedemptionValidator();

    @Test
    void aWellFormedRedemptionHasNoViolations() {
        assertThat(validator.violations(new RedeemReward("m-1", "reward-25", "9f1c2d3e-key"))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void blankFieldsAreEachReported(String blank) {
        assertThat(validator.violations(new RedeemReward(blank, blank, blank))).containsExactly(
                new Violation("memberId", "must not be blank"),
                new Violation("rewardId", "must not be blank"),
                new Violation("idempotencyKey", "must not be blank"));
    }

    @Test
    void anIdempotencyKeyOutsideTheIdAlphabetOrTooLongIsRefused() {
        assertThat(validator.violations(new RedeemReward("m-1", "reward-25", "key with spaces")))
                .containsExactly(new Violation("idempotencyKey", "may contain only letters, digits and . _ : -"));
        assertThat(validator.violations(new RedeemReward("m-1", "reward-25", "k".repeat(65))))
                .containsExactly(new Violation("idempotencyKey", "must be at most 64 characters"));
    }

    @Test
    void aWellFormedCancellationHasNoViolationsAndTheReasonIsOptional() {
        assertThat(validator.violations(new CancelRedemption("m-1", "r-1", "wrong item"))).isEmpty();
        assertThat(validator.violations(new CancelRedemption("m-1", "r-1", null))).isEmpty();
    }

    @Test
    void aCancellationNeedsTheMemberAndTheRedemption() {
        assertThat(validator.violations(new CancelRedemption("", null, null))).containsExactly(
                new Violation("memberId", "must not be blank"),
                new Violation("redemptionId", "must not be blank"));
    }

    @Test
    void aReasonOfFiveHundredCharactersIsAcceptedAndOneMoreIsTooLong() {
        assertThat(validator.violations(new CancelRedemption("m-1", "r-1", "x".repeat(500)))).isEmpty();
        assertThat(validator.violations(new CancelRedemption("m-1", "r-1", "x".repeat(501))))
                .containsExactly(new Violation("reason", "must be at most 500 characters"));
    }
}
