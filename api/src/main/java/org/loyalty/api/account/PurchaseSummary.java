package org.loyalty.api.account;

import java.math.BigDecimal;
import java.time.Instant;

/** What a ledger entry shows of the purchase behind it. */
public record PurchaseSummary(
        String transactionId,
        String storeId,
        Instant occurredAt,
        String currency,
        BigDecimal netTotal,
        int itemCount) {
}
