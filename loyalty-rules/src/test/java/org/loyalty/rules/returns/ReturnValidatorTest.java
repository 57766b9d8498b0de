package org.loyalty.rules.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnItem;

class ReturnValidatorTest {

    private final ReturnValidator validator = new ReturnValidator();

    private static RecordReturn returning(String memberId, ReturnItem... items) {
        return new RecordReturn("r-1", "t-1", memberId, Arrays.asList(items));
    }

    @Test
    void aWellFormedReturnHasNoViolations() {
        assertThat(validator.violations(returning("m-1", new ReturnItem("coffee", 2), new ReturnItem("muffin", 1)))).isEmpty();
    }

    @Test
    void theMemberIdIsOptional() {
        assertThat(validator.violations(returning(null, new ReturnItem("coffee", 1)))).isEmpty();
    }

    @Test
    void aMemberIdGivenMustBeAValidId() {
        assertThat(validator.violations(returning("m 1", new ReturnItem("coffee", 1))))
                .containsExactly(new Violation("memberId", "may contain only letters, digits and . _ : -"));
        assertThat(validator.violations(returning(" ", new ReturnItem("coffee", 1))))
                .containsExactly(new Violation("memberId", "must not be blank"));
    }

    @Test
    void theReturnAndTheOriginalTransactionNeedIds() {
        RecordReturn nameless = new RecordReturn("", null, null, List.of(new ReturnItem("coffee", 1)));

        assertThat(validator.violations(nameless)).containsExactly(
                new Violation("returnId", "must not be blank"),
                new Violation("originalTransactionId", "must not be blank"));
    }

    @Test
    void aReturnWithoutItemsIsRefused() {
        assertThat(validator.violations(returning("m-1"))).containsExactly(new Violation("items", "must contain at least one item"));
        assertThat(validator.violations(new RecordReturn("r-1", "t-1", null, null)))
                .containsExactly(new Violation("items", "must contain at least one item"));
    }

    @Test
    void badItemsAreNamedByTheirIndex() {
        assertThat(validator.violations(returning("m-1", new ReturnItem("coffee", 1), null, new ReturnItem(" ", 0))))
                .containsExactly(
                        new Violation("items[1]", "must not be null"),
                        new Violation("items[2].sku", "must not be blank"),
                        new Violation("items[2].quantity", "must be between 1 and 10000"));
    }

    @ParameterizedTest(name = "[{index}] quantity {0}")
    @ValueSource(ints = {0, -1, 10_001, Integer.MIN_VALUE})
    void aQuantityOutsideOneToTenThousandIsRefused(int quantity) {
        assertThat(validator.violations(returning("m-1", new ReturnItem("coffee", quantity))))
                .containsExactly(new Violation("items[0].quantity", "must be between 1 and 10000"));
    }

    @ParameterizedTest(name = "[{index}] quantity {0}")
    @ValueSource(ints = {1, 10_000})
    void aQuantityFromOneToTenThousandIsAccepted(int quantity) {
        assertThat(validator.violations(returning("m-1", new ReturnItem("coffee", quantity)))).isEmpty();
    }

    @Test
    void aSkuLongerThanSixtyFourCharactersIsRefused() {
        assertThat(validator.violations(returning("m-1", new ReturnItem("s".repeat(64), 1)))).isEmpty();
        assertThat(validator.violations(returning("m-1", new ReturnItem("s".repeat(65), 1))))
                .containsExactly(new Violation("items[0].sku", "must be at most 64 characters"));
    }
}
