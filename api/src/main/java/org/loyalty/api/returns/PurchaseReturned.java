package org.loyalty.api.returns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.loyalty.api.member.MemberEvent;
import org.loyalty.api.points.BucketDraw;

/**
 * Items of an earlier purchase came back. {@code pointsTaken} is what those items had earned; it came
 * from {@code draws}, from {@code alreadyExpired} (points of that purchase that had expired: not taken
 * twice) and, when the points were already spent, from {@code debtIncurred} (a negative balance).
 */
public record PurchaseReturned(
        String memberId,
        String returnId,
        String originalTransactionId,
        List<ReturnedItem> items,
        BigDecimal refundTotal,
        long pointsTaken,
        List<BucketDraw> draws,
        long alreadyExpired,
        long debtIncurred,
        long balanceAfter,
        Instant returnedAt) implements MemberEvent {

    public PurchaseReturned {
        items = List.copyOf(items);
        draws = List.copyOf(draws);
    }
}
