package org.loyalty.rules.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.api.purchase.AppliedRule;

class BaseRateEarningTest {

    private final BaseRateEarning onePointPerUnit = new BaseRateEarning(BigDecimal.ONE);

    @ParameterizedTest(name = "{0} earns {1}")
    @CsvSource({
            "12.60, 12",
            "4.99, 4",
            "12.00, 12",
            "12, 12",
            "1.00, 1",
            "0.99, 0",
            "0.01, 0",
            "0, 0",
            "123456789.99, 123456789"})
    void aNetTotalEarnsOnePointPerWholeUnitRoundedDown(String netTotal, long points) {
        assertThat(onePointPerUnit.earn(new BigDecimal(netTotal)).points()).isEqualTo(points);
    }

    @Test
    void theAppliedRuleIsRecordedWithTheBaseRateIdItsVersionAndThePoints() {
        Earning earning = onePointPerUnit.earn(new BigDecimal("12.60"));

        assertThat(earning.applied()).singleElement().satisfies(rule -> {
            assertThat(rule.ruleId()).isEqualTo("base-rate").isEqualTo(BaseRateEarning.RULE_ID);
            assertThat(rule.version()).isEqualTo(BaseRateEarning.RULE_VERSION).isEqualTo(1);
            assertThat(rule.points()).isEqualTo(12).isEqualTo(earning.points());
            assertThat(rule.explanation()).isEqualTo("1 point(s) per currency unit, rounded down, on 12.60");
        });
    }

    @Test
    void aBasketWorthLessThanOneUnitStillSaysWhichRuleGaveNothing() {
        Earning earning = onePointPerUnit.earn(new BigDecimal("0.99"));

        assertThat(earning.points()).isZero();
        assertThat(earning.applied()).containsExactly(
                new AppliedRule("base-rate", 1, 0, "1 point(s) per currency unit, rounded down, on 0.99"));
    }

    @ParameterizedTest(name = "{0} at rate 2 earns {1}")
    @CsvSource({
            "10.00, 20",
            "7, 14",
            "12.00, 24",
            "0.25, 0"})
    void rateTwoDoublesThePoints(String netTotal, long points) {
        BaseRateEarning doubled = new BaseRateEarning(new BigDecimal("2"));

        Earning earning = doubled.earn(new BigDecimal(netTotal));

        assertThat(earning.points()).isEqualTo(points);
        assertThat(earning.points()).isEqualTo(2 * onePointPerUnit.earn(new BigDecimal(netTotal)).points());
        assertThat(earning.applied()).singleElement().satisfies(rule -> {
            assertThat(rule.points()).isEqualTo(points);
            assertThat(rule.explanation()).startsWith("2 point(s) per currency unit, rounded down, on ");
        });
    }

    @ParameterizedTest(name = "{0} at rate 1.5 earns {1}")
    @CsvSource({
            "10.00, 15",
            "2, 3",
            "3.00, 4",
            "1, 1"})
    void aFractionalRateIsRoundedDownToWholePoints(String netTotal, long points) {
        BaseRateEarning oneAndAHalf = new BaseRateEarning(new BigDecimal("1.5"));

        Earning earning = oneAndAHalf.earn(new BigDecimal(netTotal));

        assertThat(earning.points()).isEqualTo(points);
        assertThat(earning.applied()).singleElement()
                .satisfies(rule -> assertThat(rule.explanation()).startsWith("1.5 point(s) per currency unit, rounded down, on "));
    }

    @Test
    void theRateIsExplainedWithoutTrailingZeros() {
        Earning earning = new BaseRateEarning(new BigDecimal("2.00")).earn(new BigDecimal("5.00"));

        assertThat(earning.points()).isEqualTo(10);
        assertThat(earning.applied().get(0).explanation()).isEqualTo("2 point(s) per currency unit, rounded down, on 5.00");
    }

    @Test
    void aZeroRateEarnsNothing() {
        assertThat(new BaseRateEarning(BigDecimal.ZERO).earn(new BigDecimal("999.99")).points()).isZero();
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThatThrownBy(() -> new BaseRateEarning(new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void anEarningIsNeverNegative() {
        assertThatThrownBy(() -> new Earning(-1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEarningKeepsItsOwnCopyOfTheAppliedRules() {
        List<AppliedRule> rules = new ArrayList<>(List.of(new AppliedRule("base-rate", 1, 3, "why")));
        Earning earning = new Earning(3, rules);

        rules.clear();

        assertThat(earning.applied()).hasSize(1);
        assertThatThrownBy(() -> earning.applied().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
