package org.loyalty.query;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * The parameters of one set-based statement: one SQL array per column, one element per row, so that any number
 * of rows costs one round trip ({@code INSERT ... SELECT ... FROM unnest(?::text[], ?::bigint[], ...)}).
 *
 * <p>Instants and decimals travel as text and are cast by the statement ({@code ?::timestamptz[]},
 * {@code ?::numeric[]}): ISO-8601 with its {@code Z} is exact whatever the session's time zone, which the driver's
 * own encoding of {@link java.sql.Timestamp} arrays (local time, no offset) would not be.
 */
public final class ArrayColumns<R> {

    private final Collection<R> rows;
    private final List<String> types = new ArrayList<>();
    private final List<Object[]> columns = new ArrayList<>();

    private ArrayColumns(Collection<R> rows) {
        this.rows = rows;
    }

    public static <R> ArrayColumns<R> of(Collection<R> rows) {
        return new ArrayColumns<>(rows);
    }

    public ArrayColumns<R> text(Function<R, String> column) {
        return add("text", rows.stream().map(column).toArray(String[]::new));
    }

    public ArrayColumns<R> int8(ToLongFunction<R> column) {
        return add("int8", rows.stream().map(r -> column.applyAsLong(r)).toArray(Long[]::new));
    }

    public ArrayColumns<R> bool(Function<R, Boolean> column) {
        return add("bool", rows.stream().map(column).toArray(Boolean[]::new));
    }

    /** Cast with {@code ?::timestamptz[]}; null stays null. The text is {@link Instant#toString()}'s ({@link UtcInstantText}). */
    public ArrayColumns<R> instant(Function<R, Instant> column) {
        return add("text", rows.stream().map(column).map(i -> i == null ? null : UtcInstantText.format(i)).toArray(String[]::new));
    }

    /** Cast with {@code ?::date[]} (ISO {@code yyyy-mm-dd}); null stays null. */
    public ArrayColumns<R> date(Function<R, LocalDate> column) {
        return add("text", rows.stream().map(column).map(d -> d == null ? null : d.toString()).toArray(String[]::new));
    }

    /** Cast with {@code ?::numeric[]}; exact (plain decimal string, never a double). */
    public ArrayColumns<R> decimal(Function<R, BigDecimal> column) {
        return add("text", rows.stream().map(column).map(d -> d == null ? null : d.toPlainString()).toArray(String[]::new));
    }

    public ArrayColumns<R> bytea(Function<R, byte[]> column) {
        return add("bytea", rows.stream().map(column).toArray(byte[][]::new));
    }

    /** Runs an INSERT or UPDATE with the arrays as its parameters, unless there is no row. */
    public void update(JdbcTemplate jdbc, String sql) {
        if (!rows.isEmpty()) {
            jdbc.update(creator(sql));
        }
    }

    /** Runs a statement that returns rows ({@code ... RETURNING}), unless there is no row. */
    public <T> List<T> query(JdbcTemplate jdbc, String sql, org.springframework.jdbc.core.RowMapper<T> mapper) {
        return rows.isEmpty() ? List.of() : jdbc.query(creator(sql), mapper);
    }

    private ArrayColumns<R> add(String type, Object[] values) {
        types.add(type);
        columns.add(values);
        return this;
    }

    private PreparedStatementCreator creator(String sql) {
        return con -> prepare(con, sql);
    }

    /** The statement with the arrays set as its parameters, for a caller that runs it itself. */
    public PreparedStatement prepare(Connection con, String sql) throws SQLException {
        PreparedStatement statement = con.prepareStatement(sql);
        try {
            for (int i = 0; i < columns.size(); i++) {
                Array array = con.createArrayOf(types.get(i), columns.get(i));
                statement.setArray(i + 1, array);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
