package org.loyalty.bench;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.BuiltInRules;
import org.loyalty.rules.rule.CapUsage;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.RuleContext;
import org.loyalty.rules.rule.RuleEngine;
import org.loyalty.rules.rule.RuleOutcome;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One purchase of 5 items judged by 50 live earning rules: the work {@link RuleEngine#evaluate} does for every
 * purchase a member makes. The rules are a realistic mix of the built-in kinds and of marketers' own CEL over the
 * items, the member and the time, with every action type, targets, caps and stacking modes. About a third fire.
 *
 * <p>Target: under 50 microseconds per purchase for 50 rules.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RuleEvaluationBenchmark {

    /** Tuesday 2026-03-03, 08:15 UTC (09:15 in Paris). */
    static final Instant NOW = Instant.parse("2026-03-03T08:15:00Z");
    static final Instant PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final RuleEngine engine = new RuleEngine();
    private List<CompiledRule> rules;
    private RuleContext context;
    private Purchase purchase;
    private Member member;
    private Timestamp now;

    @Setup(Level.Trial)
    public void setUp() {
        RuleConditions conditions = new RuleConditions();
        List<RuleDefinition> definitions = rules();
        if (definitions.size() != 50) {
            throw new IllegalStateException("expected 50 rules, got " + definitions.size());
        }
        rules = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            RuleDefinition d = definitions.get(i);
            rules.add(new CompiledRule("rule-%02d".formatted(i + 1), 1, d, conditions.compile("condition", d.condition()), PUBLISHED, null));
        }
        purchase = purchase();
        member = member();
        now = timestamp(NOW);
        // points as the GOLD rate would give them: 1.2 per currency unit, split over the items
        List<Long> itemPoints = purchase.getItemsList().stream().map(i -> i.getAmountMinor() * 12 / 1000).toList();
        long base = itemPoints.stream().mapToLong(Long::longValue).sum();
        context = new RuleContext(purchase, member, NOW, base, itemPoints, Set.of("students", "early-birds"), usage(rules));

        List<RuleOutcome> outcomes = engine.evaluate(rules, context);
        long fired = outcomes.stream().filter(RuleOutcome::fired).count();
        System.out.printf("%n[setup] %d rules, %d fire, %d extra points on a purchase of %d items worth %d minor units%n",
                rules.size(), fired, RuleEngine.totalPoints(outcomes), purchase.getItemsCount(), purchase.getTotalMinor());
        if (fired == 0 || fired == rules.size()) {
            throw new IllegalStateException("the mix should have rules that fire and rules that do not");
        }
    }

    /** The whole engine: ordering, windows, targets, 50 CEL conditions, actions, caps and stacking. */
    @Benchmark
    public List<RuleOutcome> evaluate50Rules() {
        return engine.evaluate(rules, context);
    }

    /** Only the 50 CEL conditions, for attribution: how much of {@link #evaluate50Rules()} is CEL. */
    @Benchmark
    public void conditionsOnly(Blackhole blackhole) {
        for (CompiledRule rule : rules) {
            blackhole.consume(rule.condition().holds(purchase, member, now));
        }
    }

    /** The same 50 conditions on CEL's own interpreter instead of their compiled plans: the figure before planning. */
    @Benchmark
    public void conditionsInterpreted(Blackhole blackhole) {
        for (CompiledRule rule : rules) {
            blackhole.consume(rule.condition().interpreted(purchase, member, now));
        }
    }

    // ---- the rule mix ----

    static List<RuleDefinition> rules() {
        List<RuleDefinition> rules = new ArrayList<>();

        // 12 built-in kinds, as marketers configure them without CEL
        rules.add(BuiltInRules.firstPurchaseBonus("Welcome bonus", 100));
        rules.add(BuiltInRules.everyNthVisit("Every 5th visit", 5, 50));
        rules.add(BuiltInRules.everyNthVisit("Every 10th visit", 10, 150));
        rules.add(BuiltInRules.doublePointsDays("Double weekends", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), PARIS));
        rules.add(BuiltInRules.multiplierDays("Triple Tuesdays", Set.of(DayOfWeek.TUESDAY), PARIS, new BigDecimal("3")));
        rules.add(BuiltInRules.categoryMultiplier("Coffee x2", "coffee", new BigDecimal("2")));
        rules.add(BuiltInRules.categoryMultiplier("Bakery x1.5", "bakery", new BigDecimal("1.5")));
        rules.add(BuiltInRules.categoryMultiplier("Tea x3", "tea", new BigDecimal("3")));
        rules.add(BuiltInRules.spendThresholdBonus("Spend 20", 2_000, 25));
        rules.add(BuiltInRules.spendThresholdBonus("Spend 50", 5_000, 80));
        rules.add(BuiltInRules.streakChallenge("3 visits in 7 days", 3, Duration.ofDays(7), 60));
        rules.add(BuiltInRules.referralBonus("Referred friend", 200));

        // 38 marketers' own conditions over items, member and now
        rules.add(custom("Gold coffee Tuesdays",
                "purchase.items.exists(i, i.category == \"coffee\") && member.tier == \"GOLD\" && now.getDayOfWeek() == 2",
                RuleAction.fixedBonus(30), 10, Stacking.STACK));
        rules.add(custom("Two pastries",
                "purchase.items.filter(i, i.category == \"bakery\").size() >= 2", RuleAction.perItemBonus(5, null, "bakery"), 5, Stacking.STACK));
        rules.add(custom("Birthday month", "member.birthday_month == now.getMonth(\"Europe/Paris\") + 1",
                RuleAction.issueReward("BIRTHDAY-DRINK"), 20, Stacking.STACK));
        rules.add(custom("Mobile wallet", "purchase.payment_method == \"MOBILE_WALLET\"", RuleAction.fixedBonus(10), 3, Stacking.STACK));
        rules.add(custom("Stored value", "purchase.payment_method == \"STORED_VALUE_CARD\" && purchase.total_minor >= 1000",
                RuleAction.multiplier(new BigDecimal("1.25"), null), 3, Stacking.STACK));
        rules.add(custom("Breakfast hours", "now.getHours(\"Europe/Paris\") >= 7 && now.getHours(\"Europe/Paris\") < 10",
                RuleAction.fixedBonus(15), 4, Stacking.STACK));
        rules.add(custom("Late night", "now.getHours(\"Europe/Paris\") >= 21", RuleAction.fixedBonus(15), 4, Stacking.STACK));
        rules.add(custom("Students", "\"students\" in member.segments", RuleAction.multiplier(new BigDecimal("1.1"), null), 2, Stacking.STACK));
        rules.add(custom("New members", "member.days_since_enrollment < 30", RuleAction.fixedBonus(40), 6, Stacking.STACK));
        rules.add(custom("Loyal members", "member.days_since_enrollment >= 365 && member.purchase_count >= 50",
                RuleAction.fixedBonus(20), 6, Stacking.STACK));
        rules.add(custom("Beans by the kilo", "purchase.items.exists(i, i.sku == \"BEANS-1KG\" && i.quantity >= 2)",
                RuleAction.perItemBonus(25, "BEANS-1KG", null), 7, Stacking.STACK));
        rules.add(custom("Flagship stores", "purchase.store_id in [\"store-001\", \"store-002\", \"store-003\"]",
                RuleAction.fixedBonus(5), 1, Stacking.STACK));
        rules.add(custom("Regulars", "member.recent_purchases.size() >= 10", RuleAction.fixedBonus(10), 1, Stacking.STACK));
        rules.add(custom("Win back", "member.recent_purchases.size() == 0 && member.purchase_count > 0",
                RuleAction.fixedBonus(75), 8, Stacking.STACK));
        rules.add(custom("Big basket", "purchase.item_count >= 6 && purchase.total_minor >= 3000", RuleAction.fixedBonus(30), 2, Stacking.BEST_OF));
        rules.add(custom("Huge basket", "purchase.item_count >= 10", RuleAction.fixedBonus(60), 2, Stacking.BEST_OF));
        rules.add(custom("Premium items", "purchase.items.exists(i, i.unit_price_minor >= 1500)",
                RuleAction.fixedBonus(20), 2, Stacking.BEST_OF));
        rules.add(custom("No cheap lines", "purchase.items.all(i, i.amount_minor >= 200)", RuleAction.fixedBonus(5), 1, Stacking.STACK));
        rules.add(custom("Mug with coffee", "purchase.items.exists(i, i.sku == \"MUG\") && purchase.items.exists(i, i.category == \"coffee\")",
                RuleAction.issueReward("FREE-REFILL"), 5, Stacking.STACK));
        rules.add(custom("Merch lovers", "purchase.items.filter(i, i.category == \"merch\").size() > 0 && member.tier != \"GREEN\"",
                RuleAction.multiplier(new BigDecimal("2"), "merch"), 5, Stacking.STACK));
        rules.add(custom("Sandwich lunch", "purchase.items.exists(i, i.category == \"sandwich\") && now.getHours(\"Europe/Paris\") >= 11"
                + " && now.getHours(\"Europe/Paris\") < 14", RuleAction.perItemBonus(10, null, "sandwich"), 4, Stacking.STACK));
        rules.add(custom("Weekday regulars", "now.getDayOfWeek(\"Europe/Paris\") in [1, 2, 3, 4, 5] && member.recent_purchases"
                + ".filter(t, t > now - duration(\"172800s\")).size() >= 1", RuleAction.fixedBonus(8), 3, Stacking.STACK));
        rules.add(custom("Reserve only", "purchase.total_minor > 0", RuleAction.multiplier(new BigDecimal("1.5"), null), 9, Stacking.STACK,
                Set.of("RESERVE"), Set.of(), RuleCaps.NONE));
        rules.add(custom("Gold and Reserve coffee", "purchase.items.exists(i, i.category == \"coffee\")",
                RuleAction.perItemBonus(3, null, "coffee"), 9, Stacking.STACK, Set.of("GOLD", "RESERVE"), Set.of(), new RuleCaps(30L, 100L, null, null)));
        rules.add(custom("Early birds", "now.getHours(\"Europe/Paris\") < 9", RuleAction.fixedBonus(12), 4, Stacking.STACK,
                Set.of(), Set.of("early-birds"), new RuleCaps(12L, null, null, null)));
        rules.add(custom("Staff", "true", RuleAction.multiplier(new BigDecimal("1.2"), null), 30, Stacking.STACK,
                Set.of(), Set.of("staff"), RuleCaps.NONE));
        rules.add(custom("Capped spender", "purchase.total_minor >= 1500", RuleAction.fixedBonus(50), 6, Stacking.STACK,
                Set.of(), Set.of(), new RuleCaps(100L, 200L, 500L, 2_000L)));
        rules.add(custom("Big coffee order", "purchase.items.filter(i, i.category == \"coffee\").map(i, i.quantity).size() >= 2",
                RuleAction.fixedBonus(20), 5, Stacking.STACK));
        rules.add(custom("Card in the evening", "purchase.payment_method == \"CARD\" && now.getHours(\"Europe/Paris\") >= 18",
                RuleAction.fixedBonus(5), 1, Stacking.STACK));
        rules.add(custom("Euro only", "purchase.currency == \"EUR\" && purchase.total_minor % 500 == 0", RuleAction.fixedBonus(5), 1, Stacking.STACK));
        rules.add(custom("Green nudge", "member.tier == \"GREEN\" && member.purchase_count % 3 == 2",
                RuleAction.fixedBonus(10), 2, Stacking.STACK));
        rules.add(custom("Gold anniversary", "member.tier == \"GOLD\" && member.days_since_enrollment % 365 == 0",
                RuleAction.issueReward("ANNIVERSARY-CAKE"), 2, Stacking.STACK));
        rules.add(custom("March madness", "now.getMonth(\"Europe/Paris\") == 2 && purchase.items.exists(i, i.category == \"tea\")",
                RuleAction.multiplier(new BigDecimal("2"), "tea"), 3, Stacking.STACK));
        rules.add(custom("Year end", "now.getMonth() == 11 && now.getDate() >= 20", RuleAction.fixedBonus(25), 3, Stacking.STACK));
        rules.add(custom("Per-item everything", "size(purchase.items) >= 3", RuleAction.perItemBonus(1, null, null), 1, Stacking.STACK));
        rules.add(custom("Tea and pastry", "purchase.items.exists(i, i.category == \"tea\") && purchase.items.exists(i, i.category == \"bakery\")",
                RuleAction.fixedBonus(15), 3, Stacking.STACK));
        rules.add(custom("Stop on fraud suspicion", "purchase.total_minor > 500000", RuleAction.fixedBonus(0), 100, Stacking.STOP_AFTER));
        rules.add(custom("Dormant returns", "member.recent_purchases.all(t, t < now - duration(\"2592000s\")) && member.purchase_count > 5",
                RuleAction.fixedBonus(50), 7, Stacking.STACK));
        return rules;
    }

    static RuleDefinition custom(String name, String condition, RuleAction action, int priority, Stacking stacking) {
        return custom(name, condition, action, priority, stacking, Set.of(), Set.of(), RuleCaps.NONE);
    }

    static RuleDefinition custom(String name, String condition, RuleAction action, int priority, Stacking stacking,
                                 Set<String> tiers, Set<String> segments, RuleCaps caps) {
        return new RuleDefinition(name, condition, action, priority, stacking, null, null, tiers, segments, caps, null);
    }

    // ---- the purchase and the member ----

    static Purchase purchase() {
        List<Item> items = List.of(
                item("LATTE-L", "coffee", 2, 480),
                item("CROISSANT", "bakery", 2, 250),
                item("BEANS-1KG", "coffee", 1, 1_890),
                item("MUG", "merch", 1, 1_200),
                item("EARL-GREY", "tea", 1, 390));
        Purchase.Builder purchase = Purchase.newBuilder().setTransactionId("tx-42").setStoreId("store-002").setCurrency("EUR")
                .setPaymentMethod("CARD").setOccurredAt(timestamp(NOW)).addAllItems(items);
        return purchase.setTotalMinor(items.stream().mapToLong(Item::getAmountMinor).sum())
                .setItemCount(items.stream().mapToLong(Item::getQuantity).sum()).build();
    }

    static Item item(String sku, String category, long quantity, long unitPriceMinor) {
        return Item.newBuilder().setSku(sku).setCategory(category).setQuantity(quantity).setUnitPriceMinor(unitPriceMinor)
                .setAmountMinor(quantity * unitPriceMinor).build();
    }

    /** A GOLD member with 24 purchases, 12 of them in the last 90 days, the last two this week. */
    static Member member() {
        Member.Builder member = Member.newBuilder().setId("m-42").setTier("GOLD").addSegments("students").addSegments("early-birds")
                .setPurchaseCount(24).setDaysSinceEnrollment(400).setBirthdayMonth(3).setReferredBy("m-7");
        for (int daysAgo : new int[] {85, 77, 70, 61, 50, 43, 35, 28, 20, 12, 5, 1}) {
            member.addRecentPurchases(timestamp(NOW.minus(Duration.ofDays(daysAgo))));
        }
        return member.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /**
     * What the member already got from each capped rule (half of each cap), loaded once per purchase as the command
     * side would: one map lookup per rule and period, no allocation.
     */
    static CapUsage usage(List<CompiledRule> rules) {
        Map<String, long[]> used = new HashMap<>();
        for (CompiledRule rule : rules) {
            RuleCaps caps = rule.definition().caps();
            used.put(rule.ruleId(), new long[] {half(caps.perDay()), half(caps.perWeek()), half(caps.perMonth()), half(caps.lifetime())});
        }
        return (ruleId, period) -> {
            long[] periods = used.get(ruleId);
            return periods == null ? 0 : periods[period.ordinal()];
        };
    }

    private static long half(Long cap) {
        return cap == null ? 0 : cap / 2;
    }
}
