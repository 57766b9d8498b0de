package org.loyalty.api.purchase;

/**
 * The answer to a {@link RecordPurchase}. A retried command gets the very same receipt back, with
 * {@code replayed} set so that the caller can tell without comparing bodies.
 */
public record PurchaseReceipt(
        String memberId,
        String transactionId,
        long pointsEarned,
        long balance,
        boolean replayed) {

    public PurchaseReceipt asReplay() {
        return new PurchaseReceipt(memberId, transactionId, pointsEarned, balance, true);
    }
}
