package org.loyalty.api.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;

/** A member bought something at a store. {@code netTotal} is the exact sum of the items. */
public record PurchaseRecorded(
        String memberId,
        String transactionId,
        String storeId,
        Instant occurredAt,
        String currency,
        PaymentMethod paymentMethod,
        List<PurchaseItem> items,
        BigDecimal netTotal,
        Instant recordedAt) implements MemberEvent {

    public PurchaseRecorded {
        items = List.copyOf(items);
    }
}
