package org.loyalty.command.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.api.returns.ReturnedItem;
import org.loyalty.rules.earning.TierEarning;

/**
 * What an account remembers of one purchase: the receipt a retried post is answered with, what was bought,
 * what each item earned and how many units came back so far (what a return is checked against and takes points
 * from). Several items of the same SKU are returned in item order.
 *
 * <p>Every cached account holds one of these for each purchase it ever saw, so it is kept small: its lines (SKU,
 * quantity, unit price) shared with every other purchase of the same line on this node ({@link SharedValues}), the
 * points and units returned as arrays, no category (a return does not need it), and the transaction id only as
 * the key of the account's map. Keeping the request's objects had made an account grow by 1,245 bytes a purchase
 * (691 since), all of it copied again by each young collection until promoted (bench/NOTES.md items 36 and 42).
 * Never changed in place: each event gives a new one.
 */
final class RecordedPurchase {

    private final Instant occurredAt;
    private final long pointsEarned;
    private final long balanceAfter;
    private final Line[] lines;
    private final long[] itemPoints;
    private final int[] returnedUnits; // null until the first return

    /** One line of the basket as a return needs it; equal lines of different purchases are one instance. */
    record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    private RecordedPurchase(Instant occurredAt, long pointsEarned, long balanceAfter, Line[] lines, long[] itemPoints,
                             int[] returnedUnits) {
        this.occurredAt = occurredAt;
        this.pointsEarned = pointsEarned;
        this.balanceAfter = balanceAfter;
        this.lines = lines;
        this.itemPoints = itemPoints;
        this.returnedUnits = returnedUnits;
    }

    /** A purchase as recorded, before it earned anything: its receipt says 0 points and the balance it left. */
    static RecordedPurchase of(List<PurchaseItem> items, Instant occurredAt, long balance) {
        Line[] lines = new Line[items.size()];
        for (int i = 0; i < lines.length; i++) {
            PurchaseItem item = items.get(i);
            lines[i] = SharedValues.line(new Line(item.sku(), item.quantity(), item.unitPrice()));
        }
        return new RecordedPurchase(occurredAt, 0, balance, lines, new long[lines.length], null);
    }

    Instant occurredAt() {
        return occurredAt;
    }

    Line line(int item) {
        return lines[item];
    }

    PurchaseReceipt receipt(String memberId, String transactionId, boolean replayed) {
        return new PurchaseReceipt(memberId, transactionId, pointsEarned, balanceAfter, replayed);
    }

    /**
     * The purchase after it earned {@code points}, split over the items as {@code split} says; an earning recorded
     * before splits existed is split now, in proportion to the item amounts, as it would have been.
     */
    RecordedPurchase earned(long points, long balance, List<Long> split) {
        List<Long> perItem = split.isEmpty() ? TierEarning.split(points, lineTotals()) : split;
        long[] shares = new long[perItem.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = perItem.get(i);
        }
        return new RecordedPurchase(occurredAt, points, balance, lines, shares, returnedUnits);
    }

    private List<BigDecimal> lineTotals() {
        List<BigDecimal> totals = new ArrayList<>(lines.length);
        for (Line line : lines) {
            totals.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        return totals;
    }

    private int returned(int item) {
        return returnedUnits == null ? 0 : returnedUnits[item];
    }

    /** A return, worked out: the points each SKU takes back, the money refunded, and the purchase after it. */
    record ReturnPlan(List<ReturnedItem> returned, BigDecimal refund, RecordedPurchase after) {
    }

    /** Refuses SKUs that were not bought and more units than are left to return. */
    ReturnPlan plan(List<? extends ReturnLine> returning) {
        int[] returned = returnedUnits == null ? new int[lines.length] : returnedUnits.clone();
        List<ReturnedItem> result = new ArrayList<>();
        BigDecimal refund = BigDecimal.ZERO;
        for (int r = 0; r < returning.size(); r++) {
            ReturnLine line = returning.get(r);
            int left = line.quantity();
            long points = 0;
            for (int i = 0; i < lines.length && left > 0; i++) {
                Line bought = lines[i];
                if (bought.sku().equals(line.sku())) {
                    int units = Math.min(left, bought.quantity() - returned[i]);
                    points += TierEarning.pointsForReturnedUnits(itemPoints[i], bought.quantity(), returned[i], units);
                    refund = refund.add(bought.unitPrice().multiply(BigDecimal.valueOf(units)));
                    returned[i] += units;
                    left -= units;
                }
            }
            if (left > 0) {
                throw new RuleViolationException("items[" + r + "].quantity", unitsLeftMessage(line.sku()));
            }
            result.add(new ReturnedItem(line.sku(), line.quantity(), points));
        }
        return new ReturnPlan(result, refund,
                new RecordedPurchase(occurredAt, pointsEarned, balanceAfter, lines, itemPoints, returned));
    }

    /** What a return names: a SKU and a number of units (a request's item or a recorded one). */
    interface ReturnLine {
        String sku();

        int quantity();

        static List<ReturnLine> of(List<ReturnItem> items) {
            return items.stream().<ReturnLine>map(i -> new Returning(i.sku(), i.quantity())).toList();
        }

        static List<ReturnLine> recorded(List<ReturnedItem> items) {
            return items.stream().<ReturnLine>map(i -> new Returning(i.sku(), i.quantity())).toList();
        }
    }

    private record Returning(String sku, int quantity) implements ReturnLine {
    }

    private String unitsLeftMessage(String sku) {
        int bought = 0;
        int returnedSoFar = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].sku().equals(sku)) {
                bought += lines[i].quantity();
                returnedSoFar += returned(i);
            }
        }
        return bought == 0
                ? "SKU " + sku + " was not part of this purchase"
                : "only " + (bought - returnedSoFar) + " unit(s) of " + sku + " can still be returned ("
                        + bought + " bought, " + returnedSoFar + " returned before)";
    }

    /** Equal state, field by field (Axon's test fixtures compare an account's state after sourcing its events). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedPurchase that
                && occurredAt.equals(that.occurredAt)
                && pointsEarned == that.pointsEarned
                && balanceAfter == that.balanceAfter
                && Arrays.equals(lines, that.lines)
                && Arrays.equals(itemPoints, that.itemPoints)
                && Arrays.equals(returnedUnits, that.returnedUnits);
    }

    @Override
    public int hashCode() {
        return 31 * occurredAt.hashCode() + Arrays.hashCode(lines);
    }

    @Override
    public String toString() {
        return "RecordedPurchase[" + occurredAt + ", " + pointsEarned + " points, " + Arrays.toString(lines)
                + ", returned " + Arrays.toString(returnedUnits) + "]";
    }
}
