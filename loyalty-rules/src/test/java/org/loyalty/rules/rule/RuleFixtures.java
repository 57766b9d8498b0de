package org.loyalty.rules.rule;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/** Shared builders for the rule tests: facts, contexts, compiled rules and a {@link CapUsage} fake. */
final class RuleFixtures {

    /** Tuesday 2026-03-03, 10:00 UTC. */
    static final Instant TUESDAY_10_UTC = Instant.parse("2026-03-03T10:00:00Z");
    /** Long before any purchase in these tests: when the rules were published. */
    static final Instant PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");

    static final RuleConditions CONDITIONS = new RuleConditions();

    private RuleFixtures() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Item item(String sku, String category, long quantity, long unitPriceMinor) {
        return Item.newBuilder().setSku(sku).setCategory(category).setQuantity(quantity)
                .setUnitPriceMinor(unitPriceMinor).setAmountMinor(quantity * unitPriceMinor).build();
    }

    static Purchase purchase(Instant occurredAt, Item... items) {
        Purchase.Builder purchase = Purchase.newBuilder().setTransactionId("tx-1").setStoreId("store-1").setCurrency("EUR")
                .setPaymentMethod("CARD").setOccurredAt(timestamp(occurredAt));
        long total = 0;
        long count = 0;
        for (Item item : items) {
            purchase.addItems(item);
            total += item.getAmountMinor();
            count += item.getQuantity();
        }
        return purchase.setTotalMinor(total).setItemCount(count).build();
    }

    static Member member(String tier, long purchaseCount) {
        return Member.newBuilder().setId("m-1").setTier(tier).setPurchaseCount(purchaseCount).build();
    }

    /** One point per whole currency unit of each item, like the GREEN tier rate. */
    static List<Long> itemPoints(Purchase purchase) {
        return purchase.getItemsList().stream().map(i -> i.getAmountMinor() / 100).toList();
    }

    static RuleContext context(Purchase purchase, Member member, Instant occurredAt, Set<String> segments, CapUsage caps) {
        List<Long> itemPoints = itemPoints(purchase);
        long base = itemPoints.stream().mapToLong(Long::longValue).sum();
        return new RuleContext(purchase, member, occurredAt, base, itemPoints, segments, caps);
    }

    static RuleDefinition definition(String name, String condition, RuleAction action) {
        return new RuleDefinition(name, condition, action, 0, Stacking.STACK, null, null, Set.of(), Set.of(), RuleCaps.NONE, null);
    }

    static RuleDefinition withPriority(RuleDefinition d, int priority, Stacking stacking) {
        return new RuleDefinition(d.name(), d.condition(), d.action(), priority, stacking, d.effectiveFrom(), d.effectiveTo(),
                d.targetTiers(), d.targetSegments(), d.caps(), d.budgetPoints());
    }

    static RuleDefinition withCaps(RuleDefinition d, RuleCaps caps) {
        return new RuleDefinition(d.name(), d.condition(), d.action(), d.priority(), d.stacking(), d.effectiveFrom(),
                d.effectiveTo(), d.targetTiers(), d.targetSegments(), caps, d.budgetPoints());
    }

    static RuleDefinition withTargets(RuleDefinition d, Set<String> tiers, Set<String> segments) {
        return new RuleDefinition(d.name(), d.condition(), d.action(), d.priority(), d.stacking(), d.effectiveFrom(),
                d.effectiveTo(), tiers, segments, d.caps(), d.budgetPoints());
    }

    static RuleDefinition withEffective(RuleDefinition d, Instant from, Instant to) {
        return new RuleDefinition(d.name(), d.condition(), d.action(), d.priority(), d.stacking(), from, to,
                d.targetTiers(), d.targetSegments(), d.caps(), d.budgetPoints());
    }

    /** Version 1 of {@code definition}, live since {@link #PUBLISHED} and not retired. */
    static CompiledRule compiled(String ruleId, RuleDefinition definition) {
        return compiled(ruleId, definition, PUBLISHED, null);
    }

    static CompiledRule compiled(String ruleId, RuleDefinition definition, Instant liveFrom, Instant liveUntil) {
        return new CompiledRule(ruleId, 1, definition, CONDITIONS.compile("condition", definition.condition()), liveFrom, liveUntil);
    }

    /** Points already given per rule and period; anything not set is 0. */
    static final class FakeCapUsage implements CapUsage {

        private final Map<String, Map<Period, Long>> used = new HashMap<>();
        private final Map<String, Map<Period, Long>> fired = new HashMap<>();

        FakeCapUsage use(String ruleId, Period period, long points) {
            used.computeIfAbsent(ruleId, id -> new EnumMap<>(Period.class)).put(period, points);
            return this;
        }

        FakeCapUsage fired(String ruleId, Period period, long times) {
            fired.computeIfAbsent(ruleId, id -> new EnumMap<>(Period.class)).put(period, times);
            return this;
        }

        @Override
        public long firings(String ruleId, Period period) {
            return fired.getOrDefault(ruleId, Map.of()).getOrDefault(period, 0L);
        }

        @Override
        public long used(String ruleId, Period period) {
            return used.getOrDefault(ruleId, Map.of()).getOrDefault(period, 0L);
        }
    }
}
