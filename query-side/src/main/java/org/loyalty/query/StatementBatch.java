package org.loyalty.query;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parameterised statements in the order they were added, written with {@link JdbcTemplate#batchUpdate(String, List)}:
 * each run of consecutive statements with the same SQL goes to PostgreSQL in one round trip. The statements still
 * run one by one, in their order, so a batch writes exactly the rows the statements would write one at a time
 * (an upsert that meets a row written earlier in the batch sees it, as it would have).
 */
public final class StatementBatch {

    private record Statement(String sql, Object[] args) {
    }

    private final List<Statement> statements = new ArrayList<>();

    public void add(String sql, Object... args) {
        statements.add(new Statement(sql, args));
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    public void flush(JdbcTemplate jdbc) {
        int start = 0;
        while (start < statements.size()) {
            String sql = statements.get(start).sql();
            int end = start + 1;
            while (end < statements.size() && statements.get(end).sql().equals(sql)) {
                end++;
            }
            if (end - start == 1) {
                jdbc.update(sql, statements.get(start).args());
            } else {
                jdbc.batchUpdate(sql, statements.subList(start, end).stream().map(Statement::args).toList());
            }
            start = end;
        }
        statements.clear();
    }
}
