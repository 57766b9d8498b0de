package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/**
 * Invariants of {@link RuleEngine#evaluate} over arbitrary purchases, members, rule sets, caps and usage. Actions are
 * built from non-negative inputs only (what rule validation lets through); multipliers range over [0, 5], so below 1
 * too.
 */
class RuleEnginePropertiesTest {

    static final Instant NOW = RuleFixtures.TUESDAY_10_UTC;
    static final List<String> CATEGORIES = List.of("coffee", "bakery", "tea", "merch");
    static final List<String> SKUS = List.of("LATTE", "MUFFIN", "BEANS", "MUG", "TEA");

    /** A mix of conditions: constant, over the purchase, member and now, and some that fail at run time. */
    static final List<String> CONDITIONS = List.of(
            "true",
            "false",
            "",
            "purchase.total_minor >= 2000",
            "purchase.items.exists(i, i.category == \"coffee\")",
            "purchase.items.all(i, i.quantity <= 5)",
            "purchase.items.filter(i, i.category == \"bakery\").size() >= 2",
            "member.tier == \"GOLD\" || member.tier == \"RESERVE\"",
            "member.purchase_count % 3 == 0",
            "now.getDayOfWeek() == 2",
            "now.getDayOfWeek(\"Europe/Paris\") in [0, 6]",
            "purchase.items[2].quantity > 1",
            "purchase.total_minor / purchase.item_count > 500");
    static final Map<String, RuleConditions.Condition> COMPILED = CONDITIONS.stream()
            .collect(Collectors.toMap(Function.identity(), c -> RuleFixtures.CONDITIONS.compile("condition", c), (a, b) -> a,
                    LinkedHashMap::new));

    final RuleEngine engine = new RuleEngine();

    /** Everything but the rule id of one compiled rule; ids are given by position so they are unique. */
    record RuleSpec(RuleDefinition definition, Instant liveFrom, Instant liveUntil) {

        CompiledRule compile(String ruleId) {
            return new CompiledRule(ruleId, 1, definition, COMPILED.get(definition.condition()), liveFrom, liveUntil);
        }
    }

    /** A purchase, its member and segments, the points the purchase earns before rules and the usage of every rule's caps. */
    record Scenario(Purchase purchase, Member member, Set<String> segments, int pointsPerUnit, long usageSeed) {

        RuleContext context() {
            List<Long> itemPoints = purchase.getItemsList().stream().map(i -> i.getAmountMinor() / 100 * pointsPerUnit).toList();
            long base = itemPoints.stream().mapToLong(Long::longValue).sum();
            return new RuleContext(purchase, member, NOW, base, itemPoints, segments, usage());
        }

        /** Between 0 and 799 points used, a fixed function of the rule, the period and the seed. */
        CapUsage usage() {
            return (ruleId, period) -> Math.floorMod(Objects.hash(usageSeed, ruleId, period), 800);
        }
    }

    // ---- properties ----

    @Property(tries = 200)
    void noOutcomeAndNoTotalIsEverNegative(@ForAll("scenarios") Scenario scenario, @ForAll("ruleSets") List<RuleSpec> specs) {
        List<CompiledRule> rules = compile(specs);

        List<RuleOutcome> outcomes = engine.evaluate(rules, scenario.context());

        assertThat(outcomes).hasSameSizeAs(rules);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.points()).isNotNegative();
            if (!o.fired()) {
                assertThat(o.points()).isZero();
            }
            assertThat(o.explanation()).isNotBlank();
        });
        assertThat(RuleEngine.totalPoints(outcomes)).isNotNegative();
    }

    @Property(tries = 200)
    void aMultiplierBelowOneNeverGivesOrTakesPoints(@ForAll("scenarios") Scenario scenario, @ForAll("fractions") BigDecimal multiplier,
                                                   @ForAll("categoryOrNull") String category) {
        RuleDefinition definition = definition("true", RuleAction.multiplier(multiplier, category), 0, Stacking.STACK, RuleCaps.NONE);

        List<RuleOutcome> outcomes = engine.evaluate(List.of(new RuleSpec(definition, NOW.minusSeconds(60), null).compile("r")),
                scenario.context());

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.fired()).isTrue();
            assertThat(o.points()).isZero();
        });
    }

    @Property(tries = 200)
    void firedPointsNeverExceedWhatTheCapsLeave(@ForAll("scenarios") Scenario scenario, @ForAll("ruleSets") List<RuleSpec> specs) {
        List<CompiledRule> rules = compile(specs);
        Map<String, CompiledRule> byId = rules.stream().collect(Collectors.toMap(CompiledRule::ruleId, r -> r));
        CapUsage usage = scenario.usage();

        List<RuleOutcome> outcomes = engine.evaluate(rules, scenario.context());

        assertThat(outcomes).filteredOn(RuleOutcome::fired).allSatisfy(o -> {
            RuleCaps caps = byId.get(o.ruleId()).definition().caps();
            assertThat(o.points()).isLessThanOrEqualTo(left(caps.perDay(), usage.used(o.ruleId(), CapUsage.Period.DAY)));
            assertThat(o.points()).isLessThanOrEqualTo(left(caps.perWeek(), usage.used(o.ruleId(), CapUsage.Period.WEEK)));
            assertThat(o.points()).isLessThanOrEqualTo(left(caps.perMonth(), usage.used(o.ruleId(), CapUsage.Period.MONTH)));
            assertThat(o.points()).isLessThanOrEqualTo(left(caps.lifetime(), usage.used(o.ruleId(), CapUsage.Period.LIFETIME)));
        });
    }

    @Property(tries = 200)
    void aRetiredVersionNeverFiresAndChangesNothingElse(@ForAll("scenarios") Scenario scenario, @ForAll("ruleSets") List<RuleSpec> specs,
                                                        @ForAll("anyRule") RuleSpec retired,
                                                        @ForAll @IntRange(min = 0, max = 60 * 24 * 30) int retiredMinutesAgo) {
        Instant liveUntil = NOW.minus(Duration.ofMinutes(retiredMinutesAgo));
        CompiledRule retiredRule = new RuleSpec(retired.definition(), liveUntil.minus(Duration.ofDays(30)), liveUntil).compile("retired");
        List<CompiledRule> others = compile(specs);
        List<CompiledRule> all = new ArrayList<>(others);
        all.add(new Random(retiredMinutesAgo).nextInt(all.size() + 1), retiredRule);

        List<RuleOutcome> outcomes = engine.evaluate(all, scenario.context());

        assertThat(outcomes).filteredOn(o -> o.ruleId().equals("retired")).singleElement().satisfies(o -> {
            assertThat(o.fired()).isFalse();
            assertThat(o.points()).isZero();
            assertThat(o.rewardId()).isNull();
        });
        assertThat(outcomes).filteredOn(o -> !o.ruleId().equals("retired")).isEqualTo(engine.evaluate(others, scenario.context()));
    }

    @Property(tries = 200)
    void nothingBelowAFiringStopAfterRuleAtTheTopFires(@ForAll("scenarios") Scenario scenario, @ForAll("ruleSets") List<RuleSpec> specs,
                                                      @ForAll("actions") RuleAction action, @ForAll("caps") RuleCaps caps) {
        CompiledRule stop = new RuleSpec(definition("true", action, 1_000, Stacking.STOP_AFTER, caps), NOW.minus(Duration.ofDays(1)), null)
                .compile("stop");
        List<CompiledRule> rules = new ArrayList<>(compile(specs));
        rules.add(stop);
        Collections.shuffle(rules, new Random(specs.size()));

        List<RuleOutcome> outcomes = engine.evaluate(rules, scenario.context());

        assertThat(outcomes.get(0).ruleId()).isEqualTo("stop");
        assertThat(outcomes.get(0).fired()).isTrue();
        assertThat(outcomes.subList(1, outcomes.size())).allSatisfy(o -> {
            assertThat(o.fired()).isFalse();
            assertThat(o.points()).isZero();
            assertThat(o.explanation()).isEqualTo("not run: rule stop stops lower-priority rules");
        });
        assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(outcomes.get(0).points());
    }

    @Property(tries = 200)
    void atMostOneBestOfRuleKeepsItsPointsAndItIsTheBestPaying(@ForAll("scenarios") Scenario scenario,
                                                              @ForAll("ruleSets") List<RuleSpec> specs) {
        List<CompiledRule> rules = compile(specs);
        Map<String, Stacking> stacking = rules.stream().collect(Collectors.toMap(CompiledRule::ruleId, r -> r.definition().stacking()));

        List<RuleOutcome> outcomes = engine.evaluate(rules, scenario.context());

        List<RuleOutcome> bestOf = outcomes.stream().filter(o -> stacking.get(o.ruleId()) == Stacking.BEST_OF).toList();
        assertThat(bestOf).filteredOn(RuleOutcome::fired).hasSizeLessThanOrEqualTo(1);
        bestOf.stream().filter(RuleOutcome::fired).findFirst().ifPresent(best -> assertThat(bestOf)
                .filteredOn(o -> o.explanation().startsWith("best-of: "))
                .allSatisfy(loser -> assertThat(loser.explanation()).isEqualTo("best-of: rule " + best.ruleId() + " gives more")));
    }

    @Property(tries = 100)
    void theOutcomeDoesNotDependOnTheOrderRulesAreLoadedIn(@ForAll("scenarios") Scenario scenario, @ForAll("ruleSets") List<RuleSpec> specs,
                                                          @ForAll long shuffleSeed) {
        List<CompiledRule> rules = compile(specs);
        List<CompiledRule> shuffled = new ArrayList<>(rules);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        assertThat(engine.evaluate(shuffled, scenario.context())).isEqualTo(engine.evaluate(rules, scenario.context()));
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Item> items = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(CATEGORIES),
                        Arbitraries.longs().between(1, 50), Arbitraries.longs().between(0, 20_000))
                .as((sku, category, quantity, price) -> Item.newBuilder().setSku(sku).setCategory(category).setQuantity(quantity)
                        .setUnitPriceMinor(price).setAmountMinor(quantity * price).build());
        Arbitrary<Purchase> purchases = items.list().ofMaxSize(8).map(list -> Purchase.newBuilder()
                .setTransactionId("tx").setCurrency("EUR").setPaymentMethod("CARD")
                .setOccurredAt(RuleFixtures.timestamp(NOW))
                .addAllItems(list)
                .setTotalMinor(list.stream().mapToLong(Item::getAmountMinor).sum())
                .setItemCount(list.stream().mapToLong(Item::getQuantity).sum())
                .build());
        Arbitrary<Member> members = Combinators.combine(Arbitraries.of("GREEN", "GOLD", "RESERVE"), Arbitraries.longs().between(0, 100))
                .as((tier, count) -> Member.newBuilder().setId("m-1").setTier(tier).setPurchaseCount(count).build());
        Arbitrary<Set<String>> segments = Arbitraries.of("students", "staff", "vip").set();
        return Combinators.combine(purchases, members, segments, Arbitraries.integers().between(0, 3), Arbitraries.longs())
                .as(Scenario::new);
    }

    @Provide
    Arbitrary<List<RuleSpec>> ruleSets() {
        return anyRule().list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<RuleSpec> anyRule() {
        // mostly before the purchase, sometimes just after it
        Arbitrary<Instant> liveFrom = Arbitraries.integers().between(-60, 60 * 24 * 30).map(m -> NOW.minus(Duration.ofMinutes(m)));
        Arbitrary<Instant> liveUntil = Arbitraries.integers().between(-60 * 24 * 10, 60 * 24 * 10)
                .map(m -> NOW.plus(Duration.ofMinutes(m))).injectNull(0.5);
        Arbitrary<Instant> effectiveFrom = Arbitraries.integers().between(-60 * 24 * 10, 60 * 24).map(m -> NOW.plus(Duration.ofMinutes(m)))
                .injectNull(0.6);
        Arbitrary<Instant> effectiveTo = Arbitraries.integers().between(-60 * 24, 60 * 24 * 10).map(m -> NOW.plus(Duration.ofMinutes(m)))
                .injectNull(0.6);
        Arbitrary<Set<String>> tiers = Arbitraries.of("GREEN", "GOLD", "RESERVE").set().ofMaxSize(2);
        Arbitrary<Set<String>> segments = Arbitraries.of("students", "staff", "vip").set().ofMaxSize(2);
        Arbitrary<RuleDefinition> definitions = Combinators.combine(Arbitraries.of(CONDITIONS), actions(), Arbitraries.integers().between(0, 10),
                        Arbitraries.of(Stacking.class), caps(), effectiveFrom, effectiveTo, Combinators.combine(tiers, segments).as(List::of))
                .as((condition, action, priority, stacking, caps, from, to, targets) -> new RuleDefinition("rule", condition, action,
                        priority, stacking, from, to, targets.get(0), targets.get(1), caps, null));
        return Combinators.combine(definitions, liveFrom, liveUntil).as(RuleSpec::new);
    }

    @Provide
    Arbitrary<RuleAction> actions() {
        Arbitrary<String> sku = Arbitraries.of(SKUS).injectNull(0.5);
        Arbitrary<Long> points = Arbitraries.longs().between(0, 10_000);
        return Arbitraries.oneOf(
                Combinators.combine(multipliers(), categoryOrNull()).as(RuleAction::multiplier),
                points.map(RuleAction::fixedBonus),
                Combinators.combine(Arbitraries.longs().between(0, 1_000), sku, categoryOrNull()).as(RuleAction::perItemBonus),
                Arbitraries.of("FREE-COFFEE", "FREE-MUFFIN").map(RuleAction::issueReward));
    }

    @Provide
    Arbitrary<RuleCaps> caps() {
        Arbitrary<Long> cap = Arbitraries.longs().between(0, 1_000).injectNull(0.6);
        return Combinators.combine(cap, cap, cap, cap).as(RuleCaps::new);
    }

    @Provide
    Arbitrary<BigDecimal> fractions() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(3);
    }

    @Provide
    Arbitrary<String> categoryOrNull() {
        return Arbitraries.of(CATEGORIES).injectNull(0.5);
    }

    Arbitrary<BigDecimal> multipliers() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5")).ofScale(2);
    }

    // ---- helpers ----

    static List<CompiledRule> compile(List<RuleSpec> specs) {
        return IntStream.range(0, specs.size()).mapToObj(i -> specs.get(i).compile("r-%02d".formatted(i))).toList();
    }

    static RuleDefinition definition(String condition, RuleAction action, int priority, Stacking stacking, RuleCaps caps) {
        return new RuleDefinition("rule", condition, action, priority, stacking, null, null, Set.of(), Set.of(), caps, null);
    }

    static long left(Long cap, long used) {
        return cap == null ? Long.MAX_VALUE : Math.max(0, cap - used);
    }
}
