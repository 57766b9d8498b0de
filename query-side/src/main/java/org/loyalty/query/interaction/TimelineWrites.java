package org.loyalty.query.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.query.ArrayColumns;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One processor batch's timeline writes, in the order the events came: runs of new rows, each run written by one
 * set-based {@code INSERT ... SELECT FROM unnest(...)}, and between them the erasures, each an {@code UPDATE} of the
 * member's rows written so far (so an erasure late in a batch cleans the rows written earlier in the same batch).
 *
 * <p>Why set-based: the timeline takes two rows a purchase, and sent one statement a row (a JDBC batch still executes
 * them one by one) they were PostgreSQL's costliest statement at 2,000 purchases/s (bench/NOTES.md item 34).
 */
final class TimelineWrites {

    /** A timeline row; {@code detail} is JSON text. */
    record Row(String memberId, long position, Instant occurredAt, String kind, String summary, String detail) {
    }

    /** Either a run of rows or one member's erasure; kept in the order they were noted. */
    private sealed interface Step permits Rows, Erasure {
    }

    private record Rows(List<Row> rows) implements Step {
    }

    private record Erasure(String memberId) implements Step {
    }

    private final List<Step> steps = new ArrayList<>();

    void add(Row row) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Rows run) {
            run.rows().add(row);
        } else {
            List<Row> run = new ArrayList<>();
            run.add(row);
            steps.add(new Rows(run));
        }
    }

    void erase(String memberId) {
        steps.add(new Erasure(memberId));
    }

    void flush(JdbcTemplate jdbc) {
        for (Step step : steps) {
            if (step instanceof Rows run) {
                insert(jdbc, run.rows());
            } else if (step instanceof Erasure erasure) {
                erase(jdbc, erasure.memberId());
            }
        }
        steps.clear();
    }

    /** {@code DO NOTHING}: a redelivered event's row is there already (its position is its key). */
    private static void insert(JdbcTemplate jdbc, List<Row> rows) {
        ArrayColumns.of(rows).text(Row::memberId).int8(Row::position).instant(Row::occurredAt).text(Row::kind)
                .text(Row::summary).text(Row::detail).update(jdbc, """
                INSERT INTO member_timeline (member_id, event_position, occurred_at, kind, summary, detail)
                SELECT u.member_id, u.event_position, u.occurred_at, u.kind, u.summary, u.detail::jsonb
                  FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
                       AS u(member_id, event_position, occurred_at, kind, summary, detail)
                ON CONFLICT DO NOTHING""");
    }

    /**
     * Drops the member's free texts from the rows written before the erasure, to what a replay writes now that they
     * read as null: the keys of their detail, and the text after the colon of a summary.
     */
    private static void erase(JdbcTemplate jdbc, String memberId) {
        jdbc.update("""
                UPDATE member_timeline
                   SET detail = detail - 'topic' - 'description' - 'resolution' - 'comment' - 'text',
                       summary = CASE WHEN kind IN ('SUPPORT_REQUEST_OPENED', 'SUPPORT_REQUEST_RESOLVED')
                                      THEN split_part(summary, ': ', 1) ELSE summary END
                 WHERE member_id = ? AND kind IN ('SUPPORT_REQUEST_OPENED', 'SUPPORT_REQUEST_RESOLVED', 'COMPLAINT', 'SURVEY_ANSWER', 'REVIEW')""",
                memberId);
    }
}
