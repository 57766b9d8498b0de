package org.loyalty.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * A statement whose parameters are text arrays, one per column (instants as ISO-8601 text, cast by the statement:
 * {@code unnest(?::text[], ?::timestamptz[])}): one round trip for the rows of many commands.
 */
public final class TextArrayStatement {

    private TextArrayStatement() {
    }

    @SafeVarargs
    public static PreparedStatement prepare(Connection connection, String sql, Collection<String>... columns) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf("text", columns[i].toArray()));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
