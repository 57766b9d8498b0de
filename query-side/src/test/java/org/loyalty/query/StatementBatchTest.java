package org.loyalty.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** How a batch reaches the database; what the statements then write is checked on PostgreSQL by ProjectionBatchWritesIT. */
class StatementBatchTest {

    /** Records the calls instead of running them: "update sql [args]" or "batch sql [args] [args] ...". */
    private static final class RecordingJdbc extends JdbcTemplate {
        final List<String> calls = new ArrayList<>();

        @Override
        public int update(String sql, Object... args) {
            calls.add("update " + sql + " " + Arrays.toString(args));
            return 1;
        }

        @Override
        public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
            StringBuilder call = new StringBuilder("batch " + sql);
            batchArgs.forEach(args -> call.append(' ').append(Arrays.toString(args)));
            calls.add(call.toString());
            return new int[batchArgs.size()];
        }
    }

    private final RecordingJdbc jdbc = new RecordingJdbc();
    private final StatementBatch batch = new StatementBatch();

    @Test
    void consecutiveStatementsWithTheSameSqlGoInOneBatchAndTheOrderIsKept() {
        batch.add("INSERT a", 1);
        batch.add("INSERT a", 2);
        batch.add("UPDATE b", 3);
        batch.add("INSERT a", 4);
        batch.add("INSERT a", 5);
        batch.add("INSERT a", 6);

        batch.flush(jdbc);

        assertThat(jdbc.calls).containsExactly("batch INSERT a [1] [2]", "update UPDATE b [3]", "batch INSERT a [4] [5] [6]");
    }

    @Test
    void aFlushedBatchIsEmptyAndWritesNothingAgain() {
        batch.add("INSERT a", 1);
        batch.flush(jdbc);
        assertThat(batch.isEmpty()).isTrue();

        batch.flush(jdbc);

        assertThat(jdbc.calls).containsExactly("update INSERT a [1]");
    }
}
