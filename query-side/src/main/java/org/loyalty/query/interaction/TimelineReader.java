package org.loyalty.query.interaction;

import static org.loyalty.query.Rows.instant;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.interaction.TimelineEntry;
import org.loyalty.api.interaction.TimelinePage;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Non-blocking reads of the member timeline, newest first. */
public class TimelineReader {

    private final DatabaseClient db;

    public TimelineReader(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the timeline knows the member (its enrollment, or anything after it, has been projected). */
    public Mono<Boolean> exists(String memberId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM member_timeline WHERE member_id = :id) AS known").bind("id", memberId)
                .map(row -> row.get("known", Boolean.class)).one();
    }

    /**
     * The entries that happened before the entry at position {@code before} (null: from the newest),
     * ordered by when they happened and, at the same instant, by when they were stored. The cursor is
     * a position rather than a time, so that entries sharing an instant are never skipped nor repeated.
     */
    public Mono<TimelinePage> page(String memberId, Long before, int limit) {
        Mono<List<TimelineEntry>> entries = before == null
                ? db.sql("""
                                SELECT event_position, occurred_at, kind, summary, detail::text AS detail FROM member_timeline
                                 WHERE member_id = :id
                                 ORDER BY occurred_at DESC, event_position DESC
                                 LIMIT :limit""")
                        .bind("id", memberId)
                        .bind("limit", limit + 1)
                        .map(TimelineReader::entry).all().collectList()
                : cursor(memberId, before).flatMap(at -> db.sql("""
                                SELECT event_position, occurred_at, kind, summary, detail::text AS detail FROM member_timeline
                                 WHERE member_id = :id AND (occurred_at, event_position) < (:at, :before)
                                 ORDER BY occurred_at DESC, event_position DESC
                                 LIMIT :limit""")
                        .bind("id", memberId)
                        .bind("at", at)
                        .bind("before", before)
                        .bind("limit", limit + 1)
                        .map(TimelineReader::entry).all().collectList());
        return entries.map(found -> {
            boolean more = found.size() > limit;
            List<TimelineEntry> page = more ? found.subList(0, limit) : found;
            Long next = more ? page.get(page.size() - 1).position() : null;
            return new TimelinePage(memberId, page, next);
        });
    }

    /** When the cursor's entry happened; a position that is not in this member's timeline is a bad request. */
    private Mono<OffsetDateTime> cursor(String memberId, long before) {
        return db.sql("SELECT occurred_at FROM member_timeline WHERE member_id = :id AND event_position = :before")
                .bind("id", memberId)
                .bind("before", before)
                .map(row -> row.get("occurred_at", OffsetDateTime.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException(List.of(
                        new Violation("before", "is not a position in this member's timeline; pass a page's nextCursor")))));
    }

    private static TimelineEntry entry(Readable row) {
        return new TimelineEntry(
                row.get("event_position", Long.class),
                instant(row, "occurred_at"),
                row.get("kind", String.class),
                row.get("summary", String.class),
                TimelineJson.read(row.get("detail", String.class)));
    }

}
