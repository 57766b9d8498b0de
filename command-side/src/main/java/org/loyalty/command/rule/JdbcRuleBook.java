package org.loyalty.command.rule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.loyalty.api.rule.RulePublished;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleConditions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link RuleRegistry} and {@link RuleBook} on the {@code rule_version_live} table. Versions are
 * immutable, so each is read from the event store and compiled once, then kept; only the small
 * table of live periods is read per purchase (per group commit of purchases).
 */
public final class JdbcRuleBook implements RuleBook, RuleRegistry {

    /** The unit-of-work resource holding the live periods read for it ({@link #liveAt}). */
    private static final String PERIODS = JdbcRuleBook.class.getName() + ".livePeriods";

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
        forgetPeriods();
        jdbc.update("UPDATE rule_version_live SET live_until = ? WHERE rule_id = ? AND live_until IS NULL", Timestamp.from(at), ruleId);
    }

    /**
     * The versions live at {@code occurredAt}. Inside a unit of work the table of live periods (one row per published
     * version) is read once, by the first purchase of the outermost unit, and kept for the others: a group commit of
     * many purchases reads it once, in its transaction, as each purchase alone would have.
     */
    @Override
    public List<CompiledRule> liveAt(Instant occurredAt) {
        List<LivePeriod> periods = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(PERIODS, key -> livePeriods())
                : livePeriods();
        return periods.stream()
                .filter(p -> !p.liveFrom().isAfter(occurredAt) && (p.liveUntil() == null || p.liveUntil().isAfter(occurredAt)))
                .map(p -> compile(p.ruleId(), p.version(), p.liveFrom(), p.liveUntil()))
                .toList();
    }

    /** A unit of work that changes the live periods reads them again afterwards. */
    private static void forgetPeriods() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(PERIODS);
        }
    }

    private record LivePeriod(String ruleId, int version, Instant liveFrom, Instant liveUntil) {
    }

    private List<LivePeriod> livePeriods() {
        return jdbc.query("SELECT rule_id, version, live_from, live_until FROM rule_version_live", (row, n) -> {
            Timestamp until = row.getTimestamp("live_until");
            return new LivePeriod(row.getString("rule_id"), row.getInt("version"), row.getTimestamp("live_from").toInstant(),
                    until == null ? null : until.toInstant());
        });
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
