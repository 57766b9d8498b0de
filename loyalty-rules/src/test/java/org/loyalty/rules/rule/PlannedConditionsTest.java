package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyalty.rules.rule.RuleFixtures.CONDITIONS;
import static org.loyalty.rules.rule.RuleFixtures.timestamp;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/**
 * Conditions run on a compiled plan; CEL's interpreter is the reference. On random facts (including
 * overflowing counters, empty baskets, division by zero and times at the ends of CEL's range) the plan
 * must give the interpreter's answer for every condition marketers are likely to write.
 */
class PlannedConditionsTest {

    /** Conditions of the shapes marketers write, plus the corners of CEL's semantics: errors, overflow, nesting. */
    static final List<String> PLANNED = Stream.concat(Stream.of(
            "purchase.items.exists(i, i.category == \"coffee\") && member.tier == \"GOLD\" && now.getDayOfWeek() == 2",
            "purchase.items.filter(i, i.category == \"bakery\").size() >= 2",
            "member.birthday_month == now.getMonth(\"Europe/Paris\") + 1",
            "purchase.payment_method == \"STORED_VALUE_CARD\" && purchase.total_minor >= 1000",
            "now.getHours(\"Europe/Paris\") >= 7 && now.getHours(\"Europe/Paris\") < 10",
            "\"students\" in member.segments",
            "member.days_since_enrollment >= 365 && member.purchase_count >= 50",
            "purchase.items.exists(i, i.sku == \"BEANS-1KG\" && i.quantity >= 2)",
            "purchase.store_id in [\"store-001\", \"store-002\", \"store-003\"]",
            "member.recent_purchases.size() == 0 && member.purchase_count > 0",
            "purchase.items.all(i, i.amount_minor >= 200)",
            "purchase.items.filter(i, i.category == \"coffee\").map(i, i.quantity).size() >= 2",
            "purchase.currency == \"EUR\" && purchase.total_minor % 500 == 0",
            "now.getMonth() == 11 && now.getDate() >= 20",
            "size(purchase.items) >= 3",
            "now.getDayOfWeek(\"Europe/Paris\") in [1, 2, 3, 4, 5] && member.recent_purchases.filter(t, t > now - duration(\"172800s\")).size() >= 1",
            "member.recent_purchases.all(t, t < now - duration(\"2592000s\")) && member.purchase_count > 5",
            // integer corners: overflow and division by zero are errors, which && and || may absorb
            "member.purchase_count + 1 > 0",
            "member.purchase_count * 2 > 0",
            "-member.purchase_count < 0",
            "member.purchase_count - 1 < member.purchase_count",
            "member.purchase_count / (member.birthday_month - 3) > 1",
            "member.purchase_count % member.birthday_month == 0",
            "member.purchase_count / 0 > 1 || purchase.total_minor > 0",
            "purchase.total_minor > 0 && member.purchase_count % 0 == 1",
            "member.purchase_count / 0 > 1 && purchase.total_minor < 0",
            "!(member.purchase_count <= 1) || member.tier == \"GREEN\"",
            "(member.purchase_count > 3 ? member.purchase_count / (member.birthday_month - 1) : 0) >= 1",
            // macros, errors inside them, nesting and indexing
            "purchase.items.exists(i, 10 / i.quantity > 3)",
            "purchase.items.all(i, 10 / i.quantity >= 0)",
            "purchase.items.exists_one(i, i.category == \"coffee\")",
            "purchase.items.map(i, i.amount_minor).filter(a, a > 500).size() >= 1",
            "purchase.items[0].sku == \"MUG\"",
            "purchase.items.exists(i, member.recent_purchases.exists(t, t.getHours() == i.quantity))",
            "purchase.items.exists(i, purchase.items.exists(i, i.category == \"tea\") && i.sku == \"MUG\")",
            "purchase.items.filter(i, i.quantity > 1).map(i, i.sku) == [\"LATTE\"]",
            "member.segments.exists(s, s == \"students\") == (\"students\" in member.segments)",
            "[member.tier, purchase.currency] == [\"GOLD\", \"EUR\"]",
            "member.recent_purchases.size() > 0 ? member.recent_purchases[0] < now : false",
            // presence, strings
            "has(member.referred_by) && has(purchase.occurred_at) || has(member.segments)",
            "member.tier.startsWith(\"G\") || member.id.contains(\"gold\") || member.tier.endsWith(\"VE\")",
            "size(member.tier) == 4 || \"a\" + member.tier == \"aGOLD\"",
            "member.tier < \"H\" && member.tier >= \"GOLD\"",
            // time: calendar fields, zones, arithmetic and CEL's range of years 1 to 9999
            "now.getDayOfYear() > 40 && now.getDayOfMonth() < 10 && now.getFullYear() >= 2026",
            "now.getMinutes() + now.getSeconds() + now.getMilliseconds() >= 30",
            "now.getDayOfWeek(\"America/New_York\") == 1 || now.getHours(\"Asia/Kolkata\") > 12 || now.getDate(\"UTC\") == 3",
            "now - purchase.occurred_at < duration(\"1h\")",
            "(now - duration(\"87600h\")).getFullYear() < 2020",
            "now + duration(\"315000000000s\") > now",
            "duration(\"90m\").getHours() == 1 && duration(\"90m\").getMinutes() == 90 && duration(\"90m\").getSeconds() == 5400",
            "timestamp(\"2026-01-01T00:00:00Z\") < now && now - timestamp(\"2026-01-01T00:00:00Z\") > duration(\"720h\")",
            "purchase.occurred_at + duration(\"1h30m\") > now || duration(\"1s\") + duration(\"2s\") == duration(\"3s\")"),
            builtInConditions().stream()).toList();

    /** Outside the planned subset: these run on the interpreter. */
    static final List<String> NOT_PLANNED = List.of(
            "member.tier.matches(\"^G.*\")",
            "double(purchase.total_minor) > 10.5",
            "{\"a\": 1}[\"a\"] == 1",
            "string(member.purchase_count) == \"3\"",
            "now.getHours(\"+02:00\") > 3");

    private static final List<RuleConditions.Condition> COMPILED = Stream.concat(PLANNED.stream(), NOT_PLANNED.stream())
            .map(source -> CONDITIONS.compile("condition", source)).toList();

    @Test
    void plansEveryConditionOfTheSubsetAndLeavesTheRestToTheInterpreter() {
        assertThat(PLANNED).allSatisfy(c -> assertThat(CONDITIONS.compile("condition", c).planned()).as(c).isTrue());
        assertThat(NOT_PLANNED).allSatisfy(c -> assertThat(CONDITIONS.compile("condition", c).planned()).as(c).isFalse());
    }

    @Property(tries = 400)
    void thePlanGivesTheInterpretersAnswerForEveryCondition(@ForAll("purchases") Purchase purchase,
                                                             @ForAll("members") Member member,
                                                             @ForAll("instants") Instant now) {
        Timestamp at = timestamp(now);
        for (RuleConditions.Condition condition : COMPILED) {
            assertThat(condition.holds(purchase, member, at))
                    .as("%s on %s %s at %s", condition.source(), purchase, member, now)
                    .isEqualTo(condition.interpreted(purchase, member, at));
        }
    }

    @Test
    void aConditionThatRunsPastTheIterationLimitDoesNotHoldOnEitherPath() {
        Item[] items = new Item[150];
        for (int i = 0; i < items.length; i++) {
            items[i] = RuleFixtures.item("SKU-" + i, "coffee", 1, 100);
        }
        Purchase big = RuleFixtures.purchase(RuleFixtures.TUESDAY_10_UTC, items);
        RuleConditions.Condition quadratic = CONDITIONS.compile("condition",
                "purchase.items.all(i, purchase.items.all(j, j.quantity > 0))");
        RuleConditions.Condition linear = CONDITIONS.compile("condition", "purchase.items.all(i, i.quantity > 0)");
        Member member = RuleFixtures.member("GOLD", 1);
        Timestamp now = timestamp(RuleFixtures.TUESDAY_10_UTC);

        assertThat(quadratic.planned()).isTrue();
        assertThat(quadratic.interpreted(big, member, now)).isFalse();
        assertThat(quadratic.holds(big, member, now)).isFalse();
        assertThat(linear.holds(big, member, now)).isTrue().isEqualTo(linear.interpreted(big, member, now));
    }

    private static List<String> builtInConditions() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        return Stream.of(
                BuiltInRules.firstPurchaseBonus("first", 100),
                BuiltInRules.everyNthVisit("nth", 5, 50),
                BuiltInRules.doublePointsDays("double", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), paris),
                BuiltInRules.categoryMultiplier("coffee", "coffee", new BigDecimal("2")),
                BuiltInRules.spendThresholdBonus("spend", 2_000, 25),
                BuiltInRules.streakChallenge("streak", 3, Duration.ofDays(7), 60),
                BuiltInRules.referralBonus("referral", 200)).map(d -> d.condition()).toList();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2028-01-01T00:00:00Z").getEpochSecond()).map(s -> Instant.ofEpochSecond(s, (s % 7) * 123_000_000L))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("0001-01-03T12:00:00Z"),
                        Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("2026-12-31T23:30:00Z"))));
    }

    @Provide
    Arbitrary<Purchase> purchases() {
        Arbitrary<Item> item = Combinators.combine(
                Arbitraries.of("LATTE", "MUG", "BEANS-1KG", "EARL-GREY", "CROISSANT", ""),
                Arbitraries.of("coffee", "tea", "bakery", "merch", "sandwich", ""),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(0, 4)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L))),
                Arbitraries.longs().between(0, 3_000),
                Arbitraries.longs().between(0, 9_000)).as((sku, category, quantity, price, amount) -> Item.newBuilder()
                .setSku(sku).setCategory(category).setQuantity(quantity).setUnitPriceMinor(price).setAmountMinor(amount).build());
        return Combinators.combine(item.list().ofMaxSize(6),
                Arbitraries.of("store-001", "store-009"), Arbitraries.of("EUR", "USD"),
                Arbitraries.of("CARD", "CASH", "STORED_VALUE_CARD", "MOBILE_WALLET"),
                Arbitraries.longs().between(-500, 600_000), instants()).as((items, store, currency, payment, total, at) -> Purchase.newBuilder()
                .setTransactionId("tx").setStoreId(store).setCurrency(currency).setPaymentMethod(payment).addAllItems(items)
                .setTotalMinor(total).setItemCount(items.stream().mapToLong(Item::getQuantity).reduce(0, (a, b) -> a + b))
                .setOccurredAt(timestamp(at)).build());
    }

    @Provide
    Arbitrary<Member> members() {
        Arbitrary<List<Instant>> recent = Arbitraries.longs().between(-60L * 86_400, 60L * 86_400)
                .map(offset -> Instant.parse("2026-03-03T08:15:00Z").plusSeconds(offset)).list().ofMaxSize(12)
                .map(times -> times.stream().sorted().toList());
        return Combinators.combine(
                Arbitraries.of("GREEN", "GOLD", "RESERVE", ""),
                Arbitraries.subsetOf("students", "early-birds", "staff").map(ArrayList::new),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(0, 60)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE))),
                recent,
                Arbitraries.longs().between(0, 1_000),
                Arbitraries.integers().between(0, 12),
                Arbitraries.of("", "m-9"),
                Arbitraries.of("m-1", "gold-7")).as((tier, segments, count, times, days, month, referrer, id) -> {
                    Member.Builder member = Member.newBuilder().setId(id).setTier(tier).addAllSegments(segments)
                            .setPurchaseCount(count).setDaysSinceEnrollment(days).setBirthdayMonth(month).setReferredBy(referrer);
                    times.forEach(t -> member.addRecentPurchases(timestamp(t)));
                    return member.build();
                });
    }

}
