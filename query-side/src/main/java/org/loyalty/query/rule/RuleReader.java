package org.loyalty.query.rule;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.loyalty.api.rule.RuleStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Non-blocking reads of the earning rules. */
public class RuleReader {

    private static final String COLUMNS = "rule_id, name, status, version, draft, published, created_at, updated_at";

    private final DatabaseClient db;

    public RuleReader(DatabaseClient db) {
        this.db = db;
    }

    public Flux<RuleView> all() {
        return db.sql("SELECT " + COLUMNS + " FROM earning_rule ORDER BY created_at").map(RuleReader::view).all();
    }

    public Mono<RuleView> one(String ruleId) {
        return db.sql("SELECT " + COLUMNS + " FROM earning_rule WHERE rule_id = :id").bind("id", ruleId).map(RuleReader::view).one();
    }

    /** Every version that was live at some point of [from, to): what a backtest or simulation judges by. */
    public Flux<RuleVersionView> versionsLiveBetween(Instant from, Instant to) {
        return db.sql("""
                        SELECT rule_id, version, definition, live_from, live_until FROM earning_rule_version
                         WHERE live_from < :to AND (live_until IS NULL OR live_until > :from)
                         ORDER BY rule_id, version""")
                .bind("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .map(row -> new RuleVersionView(row.get("rule_id", String.class), row.get("version", Integer.class),
                        RuleJson.read(row.get("definition", String.class)), instant(row, "live_from"), instant(row, "live_until")))
                .all();
    }

    private static RuleView view(Readable row) {
        return new RuleView(row.get("rule_id", String.class), row.get("name", String.class),
                RuleStatus.valueOf(row.get("status", String.class)), row.get("version", Integer.class),
                RuleJson.read(row.get("draft", String.class)), RuleJson.read(row.get("published", String.class)),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
