package org.loyalty.command.purchase;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fake of {@link TransactionClaims} for the aggregate unit tests: the first member to claim a
 * transaction id owns it, and every claim answers with that owner. Unlike the JDBC claim it is not
 * rolled back with a failed command.
 */
public final class InMemoryTransactionClaims implements TransactionClaims {

    private final Map<String, String> ownerByTransaction = new ConcurrentHashMap<>();

    @Override
    public String claim(String transactionId, String memberId) {
        String earlier = ownerByTransaction.putIfAbsent(transactionId, memberId);
        return earlier == null ? memberId : earlier;
    }

    public Optional<String> ownerOf(String transactionId) {
        return Optional.ofNullable(ownerByTransaction.get(transactionId));
    }

    public Map<String, String> claims() {
        return Map.copyOf(ownerByTransaction);
    }
}
