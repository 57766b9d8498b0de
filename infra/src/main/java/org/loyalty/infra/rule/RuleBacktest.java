package org.loyalty.infra.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.rules.earning.Earning;
import org.loyalty.rules.earning.TierEarning;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.program.TierDefinition;
import org.loyalty.rules.rule.CapUsage;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.FactsOf;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.RuleContext;
import org.loyalty.rules.rule.RuleEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the purchases recorded in the last days against a draft rule and reports what it would
 * have given: points, purchases and members rewarded, and their cost. Reads the event store in one
 * streaming, read-only pass (a database cursor, never all rows in memory) and changes nothing.
 *
 * <p>Members are judged as the replay goes: purchase counts start from what each member had before
 * the window and grow purchase by purchase, and caps and the budget are counted the same way. Each
 * purchase earns at the tier the member held just before it, from the member's {@code TierChanged}
 * events (loaded first: there are few of them), so multipliers and tier targets see the real tier.
 */
@Component
class RuleBacktest {

    static final String PURCHASE_RECORDED = PurchaseRecorded.class.getName();
    static final String TIER_CHANGED = TierChanged.class.getName();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ObjectMapper events;
    private final RuleConditions conditions;
    private final RuleEngine engine;
    private final LoyaltyProgram program;
    private final Clock clock;
    private final TierEarning earning = new TierEarning();

    RuleBacktest(DataSource dataSource, PlatformTransactionManager transactions, @Qualifier("defaultAxonObjectMapper") ObjectMapper events,
                 RuleConditions conditions, RuleEngine engine, LoyaltyProgram program, Clock clock) {
        // Its own template: a fetch size makes PostgreSQL stream through a cursor instead of loading every row.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.events = events;
        this.conditions = conditions;
        this.engine = engine;
        this.program = program;
        this.clock = clock;
    }

    /** What the draft would have done over the last {@code days} days. */
    record Result(String ruleName, int days, long purchasesExamined, long purchasesRewarded, long membersAffected,
                  long pointsAwarded, BigDecimal cost, String costCurrency, long elapsedMillis) {
    }

    Result run(RuleDefinition draft, int days, BigDecimal pointValue, String currency) {
        long started = System.nanoTime();
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        CompiledRule rule = new CompiledRule("backtest", 0, draft, conditions.compile("condition", draft.condition()), Instant.EPOCH, null);
        Replay replay = new Replay(rule, purchasesBefore(from), tierHistory(to));
        readOnly.executeWithoutResult(status -> {
            jdbc.query("""
                            SELECT payload FROM domainevententry
                             WHERE payloadtype = ? AND timestamp >= ? AND timestamp < ?
                             ORDER BY globalindex""",
                    row -> {
                        replay.judge(read(row.getBytes(1), PurchaseRecorded.class));
                    }, PURCHASE_RECORDED, from.toString(), to.toString());
        });
        return new Result(draft.name(), days, replay.examined, replay.rewarded, replay.members.size(), replay.points,
                pointValue.multiply(BigDecimal.valueOf(replay.points)), currency, (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Long> purchasesBefore(Instant from) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT member_id, count(*) FROM purchase_history WHERE occurred_at < ? GROUP BY member_id",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                }, Timestamp.from(from));
        return counts;
    }

    /** Each member's tier changes before {@code to}: member id to (time of change to new tier). */
    private Map<String, NavigableMap<Instant, String>> tierHistory(Instant to) {
        Map<String, NavigableMap<Instant, String>> history = new HashMap<>();
        readOnly.executeWithoutResult(status -> jdbc.query("""
                        SELECT payload FROM domainevententry WHERE payloadtype = ? AND timestamp < ? ORDER BY globalindex""",
                row -> {
                    TierChanged change = read(row.getBytes(1), TierChanged.class);
                    history.computeIfAbsent(change.memberId(), m -> new TreeMap<>()).put(change.changedAt(), change.toTier());
                }, TIER_CHANGED, to.toString()));
        return history;
    }

    private <T> T read(byte[] payload, Class<T> type) {
        try {
            return events.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in the event store", e);
        }
    }

    /** The running state of one backtest. */
    private final class Replay {

        private final CompiledRule rule;
        private final List<CompiledRule> rules;
        private final Map<String, Long> purchaseCounts;
        private final Map<String, NavigableMap<Instant, String>> tiers;
        private final Map<String, Deque<Instant>> recent = new HashMap<>();
        private final Map<String, Long> awardedPerMember = new HashMap<>();
        private final Set<String> members = new HashSet<>();
        private long examined;
        private long rewarded;
        private long points;

        Replay(CompiledRule rule, Map<String, Long> purchaseCounts, Map<String, NavigableMap<Instant, String>> tiers) {
            this.rule = rule;
            this.rules = List.of(rule);
            this.purchaseCounts = purchaseCounts;
            this.tiers = tiers;
        }

        /** The tier held just before {@code at}: a purchase that lifts a member earns at the tier it started in. */
        private TierDefinition tierBefore(String memberId, Instant at) {
            NavigableMap<Instant, String> changes = tiers.get(memberId);
            Map.Entry<Instant, String> held = changes == null ? null : changes.lowerEntry(at);
            return held == null ? program.entryTier() : program.tiers().stream().filter(t -> t.code().equals(held.getValue()))
                    .findFirst().orElse(program.entryTier()); // a tier since removed from the program earns as the entry tier
        }

        void judge(PurchaseRecorded purchase) {
            examined++;
            String memberId = purchase.memberId();
            Deque<Instant> times = recent.computeIfAbsent(memberId, m -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst().isBefore(purchase.occurredAt().minus(Duration.ofDays(90)))) {
                times.pollFirst();
            }
            RecordPurchase asCommand = new RecordPurchase(memberId, purchase.transactionId(), purchase.storeId(),
                    purchase.occurredAt(), purchase.currency(), purchase.paymentMethod(), purchase.items());
            TierDefinition tier = tierBefore(memberId, purchase.occurredAt());
            Earning base = earning.earn(tier, purchase.paymentMethod(), purchase.items());
            long count = purchaseCounts.getOrDefault(memberId, 0L);
            long awardedSoFar = awardedPerMember.getOrDefault(memberId, 0L);
            // Lifetime caps are counted over the replay; calendar caps would need every member's history.
            CapUsage usage = (ruleId, period) -> period == CapUsage.Period.LIFETIME ? awardedSoFar : 0;
            RuleContext context = new RuleContext(FactsOf.purchase(asCommand),
                    FactsOf.member(memberId, tier.code(), List.of(), count, List.copyOf(times), 0, 0, null),
                    purchase.occurredAt(), base.points(), base.itemPoints(), Set.of(), usage);
            long given = RuleEngine.totalPoints(engine.evaluate(rules, context));
            Long budget = rule.definition().budgetPoints();
            if (budget != null) {
                given = Math.max(0, Math.min(given, budget - points));
            }
            if (given > 0) {
                rewarded++;
                points += given;
                members.add(memberId);
                awardedPerMember.merge(memberId, given, Long::sum);
            }
            purchaseCounts.put(memberId, count + 1);
            times.addLast(purchase.occurredAt());
        }
    }
}
