package org.loyalty.rules.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.rules.program.TierDefinition;

/**
 * Base earning: points = floor(net total x rate), where the rate is the member's tier rate or, when
 * the tier sets one for the payment method, that rate instead (Green pays 2 per unit with the
 * stored-value card). Rounding happens once, on the total, so splitting a basket never loses points.
 * The points are then split over the items in proportion to their amounts (largest remainder), so
 * that returning every item takes back exactly what the purchase earned.
 */
public final class TierEarning {

    static final int RULE_VERSION = 1;

    public Earning earn(TierDefinition tier, PaymentMethod paymentMethod, List<PurchaseItem> items) {
        List<BigDecimal> amounts = items.stream().map(PurchaseItem::lineTotal).toList();
        BigDecimal netTotal = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = tier.rateFor(paymentMethod);
        long points = netTotal.multiply(rate).setScale(0, RoundingMode.FLOOR).longValueExact();
        String rateText = rate.stripTrailingZeros().toPlainString();
        AppliedRule rule = tier.paymentRates().containsKey(paymentMethod)
                ? new AppliedRule("payment-rate:" + tier.code() + ":" + paymentMethod, RULE_VERSION, points,
                        rateText + " point(s) per currency unit paid by " + paymentMethod + " (" + tier.code() + "), rounded down, on " + netTotal.toPlainString())
                : new AppliedRule("tier-rate:" + tier.code(), RULE_VERSION, points,
                        rateText + " point(s) per currency unit (" + tier.code() + "), rounded down, on " + netTotal.toPlainString());
        return new Earning(points, List.of(rule), split(points, amounts));
    }

    /** Largest-remainder apportionment of {@code points} over {@code amounts}; ties go to the earlier item. */
    public static List<Long> split(long points, List<BigDecimal> amounts) {
        BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            // Only free items (a bonus on a free sample): share equally, so that returning them all takes back every point.
            return amounts.isEmpty() ? List.of() : split(points, amounts.stream().map(a -> BigDecimal.ONE).toList());
        }
        List<Long> inUnits = splitInCommonUnits(points, amounts);
        return inUnits != null ? inUnits : splitExactly(points, amounts, total);
    }

    /**
     * The apportionment in whole units of the smallest fraction the amounts use (cents for most baskets), or null when
     * an amount is negative or a figure would not fit in a {@code long}. Every purchase splits its points, and
     * {@link BigDecimal#divideAndRemainder} made 7% of the bytes a purchase allocated (bench/NOTES.md item 61).
     * Truncating division and remainders compared in common units give the quotients and the order that
     * {@link #splitExactly} gives ({@code TierEarningTest} checks the two against each other).
     */
    private static List<Long> splitInCommonUnits(long points, List<BigDecimal> amounts) {
        int scale = 0;
        for (BigDecimal amount : amounts) {
            if (amount.signum() < 0) {
                return null;
            }
            scale = Math.max(scale, amount.scale());
        }
        int n = amounts.size();
        long[] shares = new long[n];
        long[] remainders = new long[n];
        try {
            long[] units = new long[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                units[i] = amounts.get(i).scaleByPowerOfTen(scale).longValueExact();
                total = Math.addExact(total, units[i]);
            }
            for (int i = 0; i < n; i++) {
                long product = Math.multiplyExact(points, units[i]);
                shares[i] = product / total;
                remainders[i] = product % total;
            }
        } catch (ArithmeticException tooLarge) {
            return null;
        }
        long left = points;
        for (long share : shares) {
            left -= share;
        }
        boolean[] roundedUp = new boolean[n];
        for (long k = 0; k < left; k++) {
            int largest = -1;   // the largest remainder not rounded up yet; on a tie, the earlier item
            for (int i = 0; i < n; i++) {
                if (!roundedUp[i] && (largest < 0 || remainders[i] > remainders[largest])) {
                    largest = i;
                }
            }
            roundedUp[largest] = true;
            shares[largest]++;
        }
        List<Long> result = new ArrayList<>(n);
        for (long share : shares) {
            result.add(share);
        }
        return result;
    }

    /** The apportionment in {@link BigDecimal}s, for amounts that {@link #splitInCommonUnits} does not take. */
    static List<Long> splitExactly(long points, List<BigDecimal> amounts, BigDecimal total) {
        List<Long> shares = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        for (BigDecimal amount : amounts) {
            BigDecimal[] exact = BigDecimal.valueOf(points).multiply(amount).divideAndRemainder(total);
            shares.add(exact[0].longValueExact());
            remainders.add(exact[1]);
        }
        long left = points - shares.stream().mapToLong(Long::longValue).sum();
        List<Integer> byRemainder = IntStream.range(0, amounts.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i))
                .toList();
        for (int k = 0; k < left; k++) {
            int i = byRemainder.get(k);
            shares.set(i, shares.get(i) + 1);
        }
        return shares;
    }

    /**
     * Points to take back when {@code quantity} more units of an item are returned, after
     * {@code alreadyReturned} units: the item's points are taken back in step with its units, and the
     * last unit takes whatever is left, so a full return takes back exactly the item's points.
     */
    public static long pointsForReturnedUnits(long itemPoints, int itemQuantity, int alreadyReturned, int quantity) {
        long before = itemPoints * alreadyReturned / itemQuantity;
        long after = itemPoints * (alreadyReturned + quantity) / itemQuantity;
        return after - before;
    }
}
