package org.loyalty.command.purchase;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link TransactionClaims} on a unique key in PostgreSQL, written in the caller's transaction. One
 * table per kind of POS id: {@code pos_transaction_claim} for purchases, {@code pos_return_claim} for returns.
 */
public final class JdbcTransactionClaims implements TransactionClaims {

    public static final String PURCHASES = "pos_transaction_claim";
    public static final String RETURNS = "pos_return_claim";

    private final JdbcTemplate jdbc;
    private final String insert;
    private final String select;

    public JdbcTransactionClaims(JdbcTemplate jdbc, String table) {
        if (!table.equals(PURCHASES) && !table.equals(RETURNS)) {
            throw new IllegalArgumentException("not a claim table: " + table);
        }
        this.jdbc = jdbc;
        this.insert = "INSERT INTO " + table + " (transaction_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING member_id";
        this.select = "SELECT member_id FROM " + table + " WHERE transaction_id = ?";
    }

    @Override
    public String claim(String transactionId, String memberId) {
        // ON CONFLICT waits for a concurrent claimant to commit or roll back. A new claim answers with its own row
        // (one round trip, the common case); an existing one returns nothing, and the winner is read.
        List<String> inserted = jdbc.queryForList(insert, String.class, transactionId, memberId);
        return inserted.isEmpty() ? ownerOf(transactionId).orElseThrow() : inserted.get(0);
    }

    @Override
    public Optional<String> ownerOf(String transactionId) {
        return jdbc.queryForList(select, String.class, transactionId).stream().findFirst();
    }
}
