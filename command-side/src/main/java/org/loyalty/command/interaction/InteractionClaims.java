package org.loyalty.command.interaction;

/**
 * Which member each interaction id belongs to, across all members and nodes. A claim joins the
 * command's database transaction: it commits with the interaction's event or not at all.
 */
public interface InteractionClaims {

    /**
     * Claims {@code interactionId} for {@code memberId} and returns the member that owns it now: the
     * given one, or whoever claimed it first. Blocks while another uncommitted claim holds the id, which
     * serializes two concurrent posts of the same interaction.
     */
    String claim(String interactionId, String memberId);
}
