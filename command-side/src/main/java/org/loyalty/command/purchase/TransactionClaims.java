package org.loyalty.command.purchase;

import java.util.Optional;

/**
 * Which member owns each POS transaction id, across all members and all nodes. A claim joins the
 * command's database transaction: it commits with the purchase's events or not at all.
 */
public interface TransactionClaims {

    /**
     * Claims {@code transactionId} for {@code memberId} and returns the member that owns it now: the
     * given one, or whoever claimed it first. Blocks while another uncommitted claim holds the id,
     * which is what serializes two concurrent posts of the same transaction.
     */
    String claim(String transactionId, String memberId);

    /** The member whose purchase this transaction is, if it was recorded. */
    Optional<String> ownerOf(String transactionId);
}
