package org.loyalty.api.account;

import java.time.Instant;

/**
 * One point movement on a member's account and the purchase that caused it (null for movements
 * that no purchase caused). {@code sequence} orders the member's movements and is the paging cursor.
 */
public record LedgerEntry(
        long sequence,
        String type,
        long points,
        long balanceAfter,
        Instant recordedAt,
        String explanation,
        PurchaseSummary purchase) {
}
