package org.loyalty.query.rule;

import static org.loyalty.query.Rows.instant;

import io.r2dbc.spi.Readable;
import java.time.Instant;
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

    private static RuleView view(Readable row) {
        return new RuleView(row.get("rule_id", String.class), row.get("name", String.class),
                RuleStatus.valueOf(row.get("status", String.class)), row.get("version", Integer.class),
                RuleJson.read(row.get("draft", String.class)), RuleJson.read(row.get("published", String.class)),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

}
