package org.loyalty.api.returns;

import java.util.List;

/**
 * Items of an earlier POS purchase came back. Idempotent on {@code returnId}. {@code memberId} is
 * optional: when the POS sends it, a return against another member's purchase is refused.
 */
public record RecordReturn(String returnId, String originalTransactionId, String memberId, List<ReturnItem> items) {
}
