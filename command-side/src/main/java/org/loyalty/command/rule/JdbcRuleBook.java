package org.loyalty.command.rule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.loyalty.api.rule.RulePublished;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleConditions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link RuleRegistry} and {@link RuleBook} on the {@code rule_version_live} table. Versions are
 * immutable, so each is read from the event store and compiled once, then kept; only the small
 * table of live periods is read per purchase.
 */
public final class JdbcRuleBook implements RuleBook, RuleRegistry {

    private record VersionKey(String ruleId, int version) {
    }

    private record Publication(RulePublished event, RuleConditions.Condition condition) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore events;
    private final RuleConditions conditions;
    private final Map<VersionKey, Publication> publications = new ConcurrentHashMap<>();

    public JdbcRuleBook(JdbcTemplate jdbc, EventStore events, RuleConditions conditions) {
        this.jdbc = jdbc;
        this.events = events;
        this.conditions = conditions;
    }

    @Override
    public void published(String ruleId, int version, Instant at) {
        ended(ruleId, at);
        jdbc.update("INSERT INTO rule_version_live (rule_id, version, live_from) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                ruleId, version, Timestamp.from(at));
    }

    @Override
    public void ended(String ruleId, Instant at) {
        jdbc.update("UPDATE rule_version_live SET live_until = ? WHERE rule_id = ? AND live_until IS NULL", Timestamp.from(at), ruleId);
    }

    @Override
    public List<CompiledRule> liveAt(Instant occurredAt) {
        Timestamp at = Timestamp.from(occurredAt);
        return jdbc.query("""
                        SELECT rule_id, version, live_from, live_until FROM rule_version_live
                         WHERE live_from <= ? AND (live_until IS NULL OR live_until > ?)""",
                (row, n) -> {
                    Timestamp until = row.getTimestamp("live_until");
                    return compile(row.getString("rule_id"), row.getInt("version"), row.getTimestamp("live_from").toInstant(),
                            until == null ? null : until.toInstant());
                }, at, at);
    }

    private CompiledRule compile(String ruleId, int version, Instant liveFrom, Instant liveUntil) {
        Publication publication = publications.computeIfAbsent(new VersionKey(ruleId, version), this::read);
        return new CompiledRule(ruleId, version, publication.event().definition(), publication.condition(), liveFrom, liveUntil);
    }

    private Publication read(VersionKey key) {
        RulePublished event = events.readEvents(key.ruleId()).asStream()
                .map(message -> message.getPayload())
                .filter(payload -> payload instanceof RulePublished p && p.version() == key.version())
                .map(RulePublished.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("rule " + key.ruleId() + " has no version " + key.version()));
        return new Publication(event, conditions.compile("condition", event.definition().condition()));
    }
}
