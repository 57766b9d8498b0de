package org.loyalty.rules.earning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.rules.program.StandardProgram;

class TierEarningTest {

    private final TierEarning earning = new TierEarning();

    private static PurchaseItem item(int quantity, String unitPrice) {
        return new PurchaseItem("sku", "coffee", quantity, new BigDecimal(unitPrice));
    }

    private static List<BigDecimal> amounts(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    /** coffee 2 x 4.30 and a bagel at 4.00: 12.60. */
    private static List<PurchaseItem> basketOf1260() {
        return List.of(item(2, "4.30"), item(1, "4.00"));
    }

    // ---- rates ----

    @Test
    void greenEarnsOnePointPerUnitRoundedDownAndSaysWhy() {
        Earning earned = earning.earn(StandardProgram.GREEN, PaymentMethod.CARD, basketOf1260());

        assertThat(earned.points()).isEqualTo(12);
        assertThat(earned.applied()).containsExactly(new AppliedRule("tier-rate:GREEN", 1, 12,
                "1 point(s) per currency unit (GREEN), rounded down, on 12.60"));
        assertThat(earned.itemPoints()).containsExactly(8L, 4L);
    }

    @Test
    void aPurchaseOfFreeItemsOnlyEarnsNothingAndEveryItemGetsZero() {
        Earning earned = earning.earn(StandardProgram.GOLD, PaymentMethod.CARD, List.of(item(1, "0.00"), item(2, "0")));

        assertThat(earned.points()).isZero();
        assertThat(earned.itemPoints()).containsExactly(0L, 0L);
    }

    @Test
    void pointsOnABasketOfFreeItemsAreSharedEquallySoThatAFullReturnTakesThemAllBack() {
        assertThat(TierEarning.split(5, amounts("0", "0.00"))).containsExactly(3L, 2L);
    }

    @Test
    void aFreeItemInABasketGetsNoneOfThePoints() {
        assertThat(earning.earn(StandardProgram.GREEN, PaymentMethod.CARD, List.of(item(1, "0"), item(1, "7.00"))).itemPoints())
                .containsExactly(0L, 7L);
    }

    @Test
    void theStoredValueCardRateReplacesGreensRateAndIsNamedAsThePaymentRule() {
        Earning earned = earning.earn(StandardProgram.GREEN, PaymentMethod.STORED_VALUE_CARD, basketOf1260());

        assertThat(earned.points()).isEqualTo(25);
        assertThat(earned.applied()).containsExactly(new AppliedRule("payment-rate:GREEN:STORED_VALUE_CARD", 1, 25,
                "2 point(s) per currency unit paid by STORED_VALUE_CARD (GREEN), rounded down, on 12.60"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} on 12.60 earns {2}")
    @CsvSource({
            "GREEN, CASH, 12",
            "GREEN, STORED_VALUE_CARD, 25",
            "GOLD, CARD, 15",
            "GOLD, STORED_VALUE_CARD, 15",
            "RESERVE, CARD, 21",
            "RESERVE, MOBILE_WALLET, 21"})
    void eachTierEarnsAtItsRateOnTheTotalRoundedDown(String tier, PaymentMethod method, long points) {
        var definition = StandardProgram.standard().tier(tier);

        assertThat(earning.earn(definition, method, basketOf1260()).points()).isEqualTo(points);
    }

    @Test
    void roundingHappensOnceOnTheTotalNotPerItem() {
        // Three items of 0.40 would each round down to 0; their total of 1.20 earns 1.
        Earning earned = earning.earn(StandardProgram.GREEN, PaymentMethod.CARD, List.of(item(1, "0.40"), item(1, "0.40"), item(1, "0.40")));

        assertThat(earned.points()).isEqualTo(1);
        assertThat(earned.itemPoints()).containsExactly(1L, 0L, 0L);
    }

    @Test
    void lessThanOneUnitEarnsNothing() {
        Earning earned = earning.earn(StandardProgram.GOLD, PaymentMethod.CARD, List.of(item(1, "0.83")));

        assertThat(earned.points()).isZero();
        assertThat(earned.itemPoints()).containsExactly(0L);
    }

    // ---- the split over items ----

    @Test
    void theSplitGivesEachItemItsShareAndTheLeftoverToTheLargestRemainders() {
        assertThat(TierEarning.split(10, amounts("3.33", "3.33", "3.34"))).containsExactly(3L, 3L, 4L);
        assertThat(TierEarning.split(100, amounts("50", "30", "20"))).containsExactly(50L, 30L, 20L);
        assertThat(TierEarning.split(7, amounts("1", "1", "5"))).containsExactly(1L, 1L, 5L);
    }

    @Test
    void equalRemaindersGiveTheLeftoverToTheEarlierItem() {
        assertThat(TierEarning.split(2, amounts("1", "1", "1"))).containsExactly(1L, 1L, 0L);
        assertThat(TierEarning.split(13, amounts("10.50", "2.50"))).containsExactly(11L, 2L);
        assertThat(TierEarning.split(1, amounts("2.00", "2"))).containsExactly(1L, 0L);
    }

    @Test
    void nothingToSplitGivesEveryItemZero() {
        assertThat(TierEarning.split(0, amounts("4.30", "4.00"))).containsExactly(0L, 0L);
    }

    @Test
    void theSplitAlwaysAddsUpToThePointsAndStaysWithinOneOfTheExactShare() {
        Random random = new Random(20250615);
        for (int run = 0; run < 2_000; run++) {
            int size = 1 + random.nextInt(8);
            List<BigDecimal> amounts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                amounts.add(BigDecimal.valueOf(1 + random.nextInt(100_000), 2));
            }
            long points = random.nextInt(5_000);
            BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

            List<Long> split = TierEarning.split(points, amounts);

            assertThat(split.stream().mapToLong(Long::longValue).sum()).as("sum of %s for %s over %s", split, points, amounts)
                    .isEqualTo(points);
            for (int i = 0; i < size; i++) {
                BigDecimal exact = BigDecimal.valueOf(points).multiply(amounts.get(i)).divide(total, 10, RoundingMode.HALF_EVEN);
                assertThat(BigDecimal.valueOf(split.get(i)).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
            }
        }
    }

    @Test
    void theSplitInWholeUnitsMatchesTheSplitInDecimals() {
        // Amounts of mixed scales, many equal remainders (repeated amounts), free items, and amounts beyond a long's
        // reach in minor units: the whole-unit split must give what the BigDecimal split gives.
        Random random = new Random(20261207);
        String[] shapes = {"%d", "%d.5", "%d.25", "%d.99", "%d.125", "%d.0001"};
        for (int run = 0; run < 20_000; run++) {
            int size = 1 + random.nextInt(12);
            List<BigDecimal> amounts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                amounts.add(random.nextInt(10) == 0 && i > 0 ? amounts.get(random.nextInt(i))
                        : random.nextInt(20) == 0 ? BigDecimal.ZERO
                        : new BigDecimal(String.format(shapes[random.nextInt(shapes.length)], random.nextInt(2_000))));
            }
            long points = random.nextInt(10) == 0 ? random.nextLong() >>> 1 : random.nextInt(50_000);
            BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.signum() == 0) {
                continue;
            }

            assertThat(TierEarning.split(points, amounts)).as("%s over %s", points, amounts)
                    .isEqualTo(TierEarning.splitExactly(points, amounts, total));
        }
    }

    @Test
    void amountsTooLargeForWholeUnitsAreSplitInDecimals() {
        List<BigDecimal> amounts = amounts("92233720368547758.07", "0.01", "5");

        assertThat(TierEarning.split(1_000, amounts)).isEqualTo(TierEarning.splitExactly(1_000, amounts,
                amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add))).containsExactly(1_000L, 0L, 0L);
    }

    @Test
    void everyEarningsSplitAddsUpToItsPoints() {
        Earning earned = earning.earn(StandardProgram.RESERVE, PaymentMethod.CARD,
                List.of(item(3, "3.99"), item(1, "12.49"), item(7, "0.35"), item(2, "1.01")));

        assertThat(earned.itemPoints().stream().mapToLong(Long::longValue).sum()).isEqualTo(earned.points());
    }

    // ---- returned units ----

    @Test
    void unitsReturnedOneByOneTakeBackTheItemsPointsInStepAndTheLastTakesTheRest() {
        assertThat(TierEarning.pointsForReturnedUnits(11, 3, 0, 1)).isEqualTo(3);
        assertThat(TierEarning.pointsForReturnedUnits(11, 3, 1, 1)).isEqualTo(4);
        assertThat(TierEarning.pointsForReturnedUnits(11, 3, 2, 1)).isEqualTo(4);
    }

    @Test
    void aFullReturnTakesBackExactlyTheItemsPoints() {
        assertThat(TierEarning.pointsForReturnedUnits(11, 3, 0, 3)).isEqualTo(11);
        assertThat(TierEarning.pointsForReturnedUnits(0, 5, 0, 5)).isZero();
        assertThat(TierEarning.pointsForReturnedUnits(1_000_000, 10_000, 0, 10_000)).isEqualTo(1_000_000);
    }

    @Test
    void anyWayOfReturningEveryUnitAddsUpToTheItemsPoints() {
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            int quantity = 1 + random.nextInt(20);
            long itemPoints = random.nextInt(1_000);
            long taken = 0;
            int returned = 0;
            while (returned < quantity) {
                int units = 1 + random.nextInt(quantity - returned);
                long points = TierEarning.pointsForReturnedUnits(itemPoints, quantity, returned, units);
                assertThat(points).isNotNegative();
                taken += points;
                returned += units;
            }
            assertThat(taken).isEqualTo(itemPoints);
        }
    }

    // ---- the earning's own checks ----

    @Test
    void anEarningIsNeverNegativeAndItsSplitMustAddUp() {
        assertThatThrownBy(() -> new Earning(-1, List.of(), List.of(-1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Earning(10, List.of(), List.of(3L, 3L))).isInstanceOf(IllegalArgumentException.class);
    }
}
