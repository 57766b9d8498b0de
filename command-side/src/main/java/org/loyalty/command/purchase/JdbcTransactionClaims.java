package org.loyalty.command.purchase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.loyalty.command.TextArrayStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * {@link TransactionClaims} on a unique key in PostgreSQL, written in the caller's transaction. One
 * table per kind of POS id: {@code pos_transaction_claim} for purchases, {@code pos_return_claim} for returns.
 */
public final class JdbcTransactionClaims implements TransactionClaims {

    public static final String PURCHASES = "pos_transaction_claim";
    public static final String RETURNS = "pos_return_claim";

    private final JdbcTemplate jdbc;
    private final String table;
    private final String claimedKey;
    private final String insert;
    private final String select;

    public JdbcTransactionClaims(JdbcTemplate jdbc, String table) {
        if (!table.equals(PURCHASES) && !table.equals(RETURNS)) {
            throw new IllegalArgumentException("not a claim table: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
        this.claimedKey = JdbcTransactionClaims.class.getName() + "." + table;
        this.insert = "INSERT INTO " + table + " (transaction_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING member_id";
        this.select = "SELECT member_id FROM " + table + " WHERE transaction_id = ?";
    }

    /**
     * Claims many transaction ids at once (id to member, in the order given), for the commands of the current unit of
     * work: one statement for the new claims and one more for the owners of those already taken. {@link #claim} then
     * answers these ids from what was found, in the same transaction. A group commit of purchases does this first.
     */
    public void claimAll(Map<String, String> members) {
        if (members.isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, String> owners = new HashMap<>();
        jdbc.query(con -> TextArrayStatement.prepare(con, "INSERT INTO " + table + " (transaction_id, member_id) SELECT * FROM unnest(?::text[], ?::text[])"
                        + " ON CONFLICT DO NOTHING RETURNING transaction_id, member_id", members.keySet(), members.values()),
                (RowCallbackHandler) row -> owners.put(row.getString(1), row.getString(2)));
        List<String> taken = members.keySet().stream().filter(id -> !owners.containsKey(id)).toList();
        if (!taken.isEmpty()) {
            jdbc.query(con -> TextArrayStatement.prepare(con, "SELECT transaction_id, member_id FROM " + table + " WHERE transaction_id = ANY(?::text[])", taken),
                    (RowCallbackHandler) row -> owners.put(row.getString(1), row.getString(2)));
        }
        CurrentUnitOfWork.get().root().resources().put(claimedKey, owners);
    }

    @Override
    public String claim(String transactionId, String memberId) {
        String claimed = claimedInThisUnitOfWork(transactionId);
        if (claimed != null) {
            return claimed;
        }
        // ON CONFLICT waits for a concurrent claimant to commit or roll back. A new claim answers with its own row
        // (one round trip, the common case); an existing one returns nothing, and the winner is read.
        List<String> inserted = jdbc.queryForList(insert, String.class, transactionId, memberId);
        return inserted.isEmpty() ? ownerOf(transactionId).orElseThrow() : inserted.get(0);
    }

    private String claimedInThisUnitOfWork(String transactionId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, String> owners = CurrentUnitOfWork.get().root().getResource(claimedKey);
        return owners == null ? null : owners.get(transactionId);
    }

    @Override
    public Optional<String> ownerOf(String transactionId) {
        return jdbc.queryForList(select, String.class, transactionId).stream().findFirst();
    }
}
