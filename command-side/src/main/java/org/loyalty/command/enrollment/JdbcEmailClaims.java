package org.loyalty.command.enrollment;

import org.springframework.jdbc.core.JdbcTemplate;

/** {@link EmailClaims} on a unique key in PostgreSQL, written in the caller's transaction. */
public final class JdbcEmailClaims implements EmailClaims {

    private final JdbcTemplate jdbc;

    public JdbcEmailClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String normalizedEmail, String memberId) {
        return jdbc.update("INSERT INTO member_email_claim (email, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                normalizedEmail, memberId) == 1;
    }

    @Override
    public void release(String memberId) {
        jdbc.update("DELETE FROM member_email_claim WHERE member_id = ?", memberId);
    }
}
