package org.loyalty.command.purchase;

import org.springframework.jdbc.core.JdbcTemplate;

/** {@link TransactionClaims} on a unique key in PostgreSQL, written in the caller's transaction. */
public final class JdbcTransactionClaims implements TransactionClaims {

    private final JdbcTemplate jdbc;

    public JdbcTransactionClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String claim(String transactionId, String memberId) {
        // ON CONFLICT waits for a concurrent claimant to commit or roll back, then reads the winner.
        jdbc.update("INSERT INTO pos_transaction_claim (transaction_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                transactionId, memberId);
        return jdbc.queryForObject("SELECT member_id FROM pos_transaction_claim WHERE transaction_id = ?",
                String.class, transactionId);
    }
}
