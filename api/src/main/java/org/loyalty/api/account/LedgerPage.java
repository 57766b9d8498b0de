package org.loyalty.api.account;

import java.util.List;

/** A page of ledger entries, newest first; {@code nextCursor} is null on the last page. */
public record LedgerPage(String memberId, List<LedgerEntry> entries, Long nextCursor) {

    public LedgerPage {
        entries = List.copyOf(entries);
    }
}
