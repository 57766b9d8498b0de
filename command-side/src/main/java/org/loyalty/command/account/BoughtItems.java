package org.loyalty.command.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.api.returns.ReturnedItem;
import org.loyalty.rules.earning.TierEarning;

/**
 * What a purchase bought, what each item earned and how many units came back so far: what a return
 * is checked against and takes points from. Several items of the same SKU are returned in item order.
 */
record BoughtItems(List<PurchaseItem> items, List<Long> itemPoints, List<Integer> returnedUnits, Instant occurredAt) {

    /** A return, worked out: the points each SKU takes back, the money refunded, and the purchase after it. */
    record ReturnPlan(List<ReturnedItem> returned, BigDecimal refund, BoughtItems after) {
    }

    BoughtItems(List<PurchaseItem> items, Instant occurredAt) {
        this(List.copyOf(items), items.stream().map(i -> 0L).toList(), items.stream().map(i -> 0).toList(), occurredAt);
    }

    /**
     * The split of {@code points} over the items; an earning recorded before splits existed is split
     * now, in proportion to the item amounts, as it would have been.
     */
    BoughtItems withItemPoints(List<Long> split, long points) {
        List<Long> perItem = split.isEmpty()
                ? TierEarning.split(points, items.stream().map(PurchaseItem::lineTotal).toList())
                : split;
        return new BoughtItems(items, List.copyOf(perItem), returnedUnits, occurredAt);
    }

    /** Refuses SKUs that were not bought and more units than are left to return. */
    ReturnPlan plan(List<? extends ReturnLine> returning) {
        List<Integer> returned = new ArrayList<>(returnedUnits);
        List<ReturnedItem> result = new ArrayList<>();
        BigDecimal refund = BigDecimal.ZERO;
        for (int r = 0; r < returning.size(); r++) {
            ReturnLine line = returning.get(r);
            int left = line.quantity();
            long points = 0;
            for (int i = 0; i < items.size() && left > 0; i++) {
                PurchaseItem bought = items.get(i);
                if (bought.sku().equals(line.sku())) {
                    int units = Math.min(left, bought.quantity() - returned.get(i));
                    points += TierEarning.pointsForReturnedUnits(itemPoints.get(i), bought.quantity(), returned.get(i), units);
                    refund = refund.add(bought.unitPrice().multiply(BigDecimal.valueOf(units)));
                    returned.set(i, returned.get(i) + units);
                    left -= units;
                }
            }
            if (left > 0) {
                throw new RuleViolationException("items[" + r + "].quantity", unitsLeftMessage(line.sku()));
            }
            result.add(new ReturnedItem(line.sku(), line.quantity(), points));
        }
        return new ReturnPlan(result, refund, new BoughtItems(items, itemPoints, List.copyOf(returned), occurredAt));
    }

    /** What a return names: a SKU and a number of units (a request's item or a recorded one). */
    interface ReturnLine {
        String sku();

        int quantity();

        static List<ReturnLine> of(List<ReturnItem> items) {
            return items.stream().<ReturnLine>map(i -> new Line(i.sku(), i.quantity())).toList();
        }

        static List<ReturnLine> recorded(List<ReturnedItem> items) {
            return items.stream().<ReturnLine>map(i -> new Line(i.sku(), i.quantity())).toList();
        }
    }

    private record Line(String sku, int quantity) implements ReturnLine {
    }

    private String unitsLeftMessage(String sku) {
        int bought = 0;
        int returnedSoFar = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).sku().equals(sku)) {
                bought += items.get(i).quantity();
                returnedSoFar += returnedUnits.get(i);
            }
        }
        return bought == 0
                ? "SKU " + sku + " was not part of this purchase"
                : "only " + (bought - returnedSoFar) + " unit(s) of " + sku + " can still be returned ("
                        + bought + " bought, " + returnedSoFar + " returned before)";
    }
}
