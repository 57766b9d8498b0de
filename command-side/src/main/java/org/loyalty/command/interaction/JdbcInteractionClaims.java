package org.loyalty.command.interaction;

import org.springframework.jdbc.core.JdbcTemplate;

/** {@link InteractionClaims} on the primary key of {@code interaction_claim}, in the caller's transaction. */
public final class JdbcInteractionClaims implements InteractionClaims {

    private final JdbcTemplate jdbc;

    public JdbcInteractionClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String claim(String interactionId, String memberId) {
        // ON CONFLICT waits for a concurrent claimant to commit or roll back, then reads the winner.
        jdbc.update("INSERT INTO interaction_claim (interaction_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                interactionId, memberId);
        return jdbc.queryForObject("SELECT member_id FROM interaction_claim WHERE interaction_id = ?", String.class, interactionId);
    }
}
