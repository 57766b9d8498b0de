package org.loyalty.command.account;

import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** The member's segment from the newest scoring ({@code member_insight}); none before the first refit. */
public class JdbcMemberSegments implements MemberSegments {

    private final JdbcTemplate jdbc;

    public JdbcMemberSegments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> of(String memberId) {
        return Set.copyOf(jdbc.queryForList("SELECT segment FROM member_insight WHERE member_id = ?", String.class, memberId));
    }
}
