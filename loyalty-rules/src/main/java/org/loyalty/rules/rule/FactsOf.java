package org.loyalty.rules.rule;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/** Builds the facts a rule's condition reads from the platform's own records; amounts become minor units. */
public final class FactsOf {

    private FactsOf() {
    }

    public static Purchase purchase(RecordPurchase purchase) {
        int digits = Currency.getInstance(purchase.currency()).getDefaultFractionDigits();
        Purchase.Builder facts = Purchase.newBuilder()
                .setTransactionId(purchase.transactionId())
                .setStoreId(purchase.storeId())
                .setCurrency(purchase.currency())
                .setPaymentMethod(purchase.paymentMethod().name())
                .setOccurredAt(timestamp(purchase.occurredAt()));
        long total = 0;
        long count = 0;
        for (PurchaseItem item : purchase.items()) {
            long amount = minor(item.lineTotal(), digits);
            facts.addItems(Item.newBuilder().setSku(item.sku()).setCategory(item.category()).setQuantity(item.quantity())
                    .setUnitPriceMinor(minor(item.unitPrice(), digits)).setAmountMinor(amount));
            total += amount;
            count += item.quantity();
        }
        return facts.setTotalMinor(total).setItemCount(count).build();
    }

    /**
     * @param recentPurchases the member's purchase times of the last 90 days before this one, oldest first
     */
    public static Member member(String memberId, String tier, List<String> segments, long purchaseCount,
                                List<Instant> recentPurchases, long daysSinceEnrollment, int birthdayMonth, String referredBy) {
        Member.Builder member = Member.newBuilder().setId(memberId).setTier(tier).addAllSegments(segments)
                .setPurchaseCount(purchaseCount).setDaysSinceEnrollment(daysSinceEnrollment).setBirthdayMonth(birthdayMonth)
                .setReferredBy(referredBy == null ? "" : referredBy);
        recentPurchases.forEach(t -> member.addRecentPurchases(timestamp(t)));
        return member.build();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static long minor(BigDecimal amount, int digits) {
        return amount.movePointRight(digits).longValueExact();
    }
}
