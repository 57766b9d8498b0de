package org.loyalty.query.account;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import org.loyalty.api.account.LedgerEntry;
import org.loyalty.api.account.LedgerPage;
import org.loyalty.api.account.MemberBalance;
import org.loyalty.api.account.PurchaseSummary;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Non-blocking reads of the account read model. Empty results mean the member is unknown (to the read model). */
public class AccountReader {

    private final DatabaseClient db;

    public AccountReader(DatabaseClient db) {
        this.db = db;
    }

    public Mono<MemberBalance> balance(String memberId) {
        return db.sql("SELECT member_id, balance, lifetime_earned, updated_at FROM member_account WHERE member_id = :id")
                .bind("id", memberId)
                .map(row -> new MemberBalance(
                        row.get("member_id", String.class),
                        row.get("balance", Long.class),
                        row.get("lifetime_earned", Long.class),
                        instant(row, "updated_at")))
                .one();
    }

    /** Newest first; {@code before} is the sequence of the last entry already seen, or null for the first page. */
    public Mono<LedgerPage> ledger(String memberId, Long before, int limit) {
        Mono<List<LedgerEntry>> entries = db.sql("""
                        SELECT l.sequence, l.entry_type, l.points, l.balance_after, l.recorded_at, l.explanation,
                               p.transaction_id, p.store_id, p.occurred_at, p.currency, p.net_total, p.item_count
                          FROM points_ledger l
                          LEFT JOIN purchase_history p ON p.transaction_id = l.transaction_id
                         WHERE l.member_id = :id AND l.sequence < :before
                         ORDER BY l.sequence DESC
                         LIMIT :limit""")
                .bind("id", memberId)
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("limit", limit + 1)
                .map(AccountReader::ledgerEntry)
                .all()
                .collectList();
        return entries.map(found -> {
            boolean more = found.size() > limit;
            List<LedgerEntry> page = more ? found.subList(0, limit) : found;
            Long next = more ? page.get(page.size() - 1).sequence() : null;
            return new LedgerPage(memberId, page, next);
        });
    }

    private static LedgerEntry ledgerEntry(Readable row) {
        String transactionId = row.get("transaction_id", String.class);
        PurchaseSummary purchase = null;
        if (transactionId != null) {
            String currency = row.get("currency", String.class);
            // Stored with 4 decimals; shown with the currency's own (12.5000 USD -> 12.50).
            BigDecimal netTotal = row.get("net_total", BigDecimal.class)
                    .setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
            purchase = new PurchaseSummary(transactionId, row.get("store_id", String.class), instant(row, "occurred_at"),
                    currency, netTotal, row.get("item_count", Integer.class));
        }
        return new LedgerEntry(
                row.get("sequence", Long.class),
                row.get("entry_type", String.class),
                row.get("points", Long.class),
                row.get("balance_after", Long.class),
                instant(row, "recorded_at"),
                row.get("explanation", String.class),
                purchase);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
