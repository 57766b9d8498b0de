package org.loyalty.api.purchase;

import java.time.Instant;
import java.util.List;

/**
 * Records a POS purchase for a member and earns its points. {@code transactionId} is the POS's own
 * id and makes the command idempotent: the same id again returns the first receipt and earns nothing.
 */
public record RecordPurchase(
        String memberId,
        String transactionId,
        String storeId,
        Instant occurredAt,
        String currency,
        PaymentMethod paymentMethod,
        List<PurchaseItem> items) {
}
