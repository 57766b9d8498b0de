package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyalty.rules.rule.RuleFixtures.compiled;
import static org.loyalty.rules.rule.RuleFixtures.context;
import static org.loyalty.rules.rule.RuleFixtures.item;
import static org.loyalty.rules.rule.RuleFixtures.member;
import static org.loyalty.rules.rule.RuleFixtures.purchase;
import static org.loyalty.rules.rule.RuleFixtures.timestamp;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.RuleFixtures.FakeCapUsage;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

class BuiltInRulesTest {

    static final Instant TUESDAY = RuleFixtures.TUESDAY_10_UTC;

    final RuleEngine engine = new RuleEngine();

    /** A latte (coffee, 4.50: 4 points) and a muffin (bakery, 3.50: 3 points): 8.00, 7 base points. */
    static Purchase basketAt(Instant at) {
        return purchase(at, item("LATTE", "coffee", 1, 450), item("MUFFIN", "bakery", 1, 350));
    }

    RuleOutcome evaluate(RuleDefinition rule, Purchase purchase, Member member, Instant at) {
        return evaluate(rule, purchase, member, at, CapUsage.NONE);
    }

    RuleOutcome evaluate(RuleDefinition rule, Purchase purchase, Member member, Instant at, CapUsage usage) {
        List<RuleOutcome> outcomes = engine.evaluate(List.of(compiled("builtin", rule)), context(purchase, member, at, Set.of(), usage));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    boolean fires(RuleDefinition rule, Member member) {
        return evaluate(rule, basketAt(TUESDAY), member, TUESDAY).fired();
    }

    @Test
    void everyKindIsAPlainStackingRuleForAllMembersAtPriorityZero() {
        List<RuleDefinition> all = List.of(
                BuiltInRules.firstPurchaseBonus("a", 1),
                BuiltInRules.everyNthVisit("b", 5, 1),
                BuiltInRules.doublePointsDays("c", Set.of(DayOfWeek.MONDAY), ZoneOffset.UTC),
                BuiltInRules.categoryMultiplier("d", "coffee", BigDecimal.valueOf(2)),
                BuiltInRules.spendThresholdBonus("e", 100, 1),
                BuiltInRules.streakChallenge("f", 3, Duration.ofDays(7), 1),
                BuiltInRules.referralBonus("g", 1));

        assertThat(all).allSatisfy(rule -> {
            assertThat(rule.stacking()).isEqualTo(Stacking.STACK);
            assertThat(rule.priority()).isZero();
            assertThat(rule.targetTiers()).isEmpty();
            assertThat(rule.targetSegments()).isEmpty();
            assertThat(rule.effectiveFrom()).isNull();
            // and each one's generated condition type-checks
            RuleFixtures.CONDITIONS.compile("condition", rule.condition());
        });
    }

    @Nested
    class FirstPurchase {

        final RuleDefinition rule = BuiltInRules.firstPurchaseBonus("Welcome", 100);

        @Test
        void firesOnTheFirstPurchaseOnly() {
            RuleOutcome first = evaluate(rule, basketAt(TUESDAY), member("GREEN", 0), TUESDAY);

            assertThat(first.fired()).isTrue();
            assertThat(first.points()).isEqualTo(100);
            assertThat(first.explanation()).isEqualTo("bonus +100");
            assertThat(fires(rule, member("GREEN", 1))).isFalse();
            assertThat(fires(rule, member("GOLD", 37))).isFalse();
        }

        @Test
        void isCappedAtItsPointsForLife() {
            assertThat(rule.caps()).isEqualTo(new RuleCaps(null, null, null, 100L));

            RuleOutcome again = evaluate(rule, basketAt(TUESDAY), member("GREEN", 0), TUESDAY,
                    new FakeCapUsage().use("builtin", CapUsage.Period.LIFETIME, 100));

            assertThat(again.points()).isZero();
        }
    }

    @Nested
    class EveryNthVisit {

        final RuleDefinition everyFifth = BuiltInRules.everyNthVisit("Fifth", 5, 50);

        @ParameterizedTest(name = "[{index}] {0} purchases before: fires {1}")
        @CsvSource({"0, false", "3, false", "4, true", "5, false", "8, false", "9, true", "14, true", "99, true", "100, false"})
        void firesOnEveryNthPurchase(long purchasesBefore, boolean fires) {
            RuleOutcome outcome = evaluate(everyFifth, basketAt(TUESDAY), member("GREEN", purchasesBefore), TUESDAY);

            assertThat(outcome.fired()).isEqualTo(fires);
            assertThat(outcome.points()).isEqualTo(fires ? 50 : 0);
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 1})
        void nBelowTwoIsRefused(int n) {
            assertThatThrownBy(() -> BuiltInRules.everyNthVisit("bad", n, 50)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DoublePointsDays {

        /** 23:30 UTC on Tuesday 2026-03-03 is already Wednesday 00:30 in Paris, and still Tuesday 18:30 in New York. */
        final Instant lateTuesdayUtc = Instant.parse("2026-03-03T23:30:00Z");

        @Test
        void doublesThePointsOnTheChosenDays() {
            RuleDefinition rule = BuiltInRules.doublePointsDays("Double Tuesdays", Set.of(DayOfWeek.TUESDAY), ZoneOffset.UTC);

            RuleOutcome outcome = evaluate(rule, basketAt(TUESDAY), member("GREEN", 3), TUESDAY);

            assertThat(outcome.fired()).isTrue();
            // the latte earned 4 points, the muffin 3
            assertThat(outcome.points()).isEqualTo(7);
            assertThat(outcome.explanation()).isEqualTo("x2: +7");
        }

        @ParameterizedTest(name = "[{index}] {0}: fires on Mon/Wed/Sat/Sun rule: {1}")
        @CsvSource({
                "2026-03-02T12:00:00Z, true",   // Monday
                "2026-03-03T12:00:00Z, false",  // Tuesday
                "2026-03-04T12:00:00Z, true",   // Wednesday
                "2026-03-05T12:00:00Z, false",  // Thursday
                "2026-03-06T12:00:00Z, false",  // Friday
                "2026-03-07T12:00:00Z, true",   // Saturday
                "2026-03-08T12:00:00Z, true",   // Sunday (CEL day 0)
        })
        void mapsEveryJavaDayToCelsDayNumbering(String at, boolean fires) {
            RuleDefinition rule = BuiltInRules.doublePointsDays("Weekends and more",
                    EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), ZoneOffset.UTC);
            Instant instant = Instant.parse(at);

            assertThat(evaluate(rule, basketAt(instant), member("GREEN", 3), instant).fired()).isEqualTo(fires);
        }

        @Test
        void countsTheDayInTheRulesZoneNotInUtc() {
            RuleDefinition wednesdayInParis = BuiltInRules.doublePointsDays("Paris", Set.of(DayOfWeek.WEDNESDAY), ZoneId.of("Europe/Paris"));
            RuleDefinition wednesdayInUtc = BuiltInRules.doublePointsDays("UTC", Set.of(DayOfWeek.WEDNESDAY), ZoneOffset.UTC);
            RuleDefinition tuesdayInNewYork = BuiltInRules.doublePointsDays("NY", Set.of(DayOfWeek.TUESDAY), ZoneId.of("America/New_York"));
            RuleDefinition wednesdayAtPlusOne = BuiltInRules.doublePointsDays("+01", Set.of(DayOfWeek.WEDNESDAY), ZoneOffset.ofHours(1));
            Purchase late = basketAt(lateTuesdayUtc);

            assertThat(evaluate(wednesdayInParis, late, member("GREEN", 3), lateTuesdayUtc).fired()).isTrue();
            assertThat(evaluate(wednesdayInUtc, late, member("GREEN", 3), lateTuesdayUtc).fired()).isFalse();
            assertThat(evaluate(tuesdayInNewYork, late, member("GREEN", 3), lateTuesdayUtc).fired()).isTrue();
            assertThat(evaluate(wednesdayAtPlusOne, late, member("GREEN", 3), lateTuesdayUtc).fired()).isTrue();
        }

        @Test
        void followsDaylightSavingTime() {
            // 2026-03-29 Europe/Paris switches to UTC+2: 22:30 UTC on Sunday is 00:30 on Monday.
            Instant sundayLateUtc = Instant.parse("2026-03-29T22:30:00Z");
            RuleDefinition mondayInParis = BuiltInRules.doublePointsDays("Paris", Set.of(DayOfWeek.MONDAY), ZoneId.of("Europe/Paris"));

            assertThat(evaluate(mondayInParis, basketAt(sundayLateUtc), member("GREEN", 3), sundayLateUtc).fired()).isTrue();
            // and a week earlier, in winter time (UTC+1), 22:30 UTC on Sunday is still Sunday 23:30
            Instant winter = Instant.parse("2026-03-22T22:30:00Z");
            assertThat(evaluate(mondayInParis, basketAt(winter), member("GREEN", 3), winter).fired()).isFalse();
        }

        @Test
        void aCustomMultiplierIsUsed() {
            RuleDefinition rule = BuiltInRules.multiplierDays("Triple", Set.of(DayOfWeek.TUESDAY), ZoneOffset.UTC, new BigDecimal("3"));

            assertThat(evaluate(rule, basketAt(TUESDAY), member("GREEN", 3), TUESDAY).points()).isEqualTo(14);
        }

        @Test
        void noDaysIsRefused() {
            assertThatThrownBy(() -> BuiltInRules.doublePointsDays("none", Set.of(), ZoneOffset.UTC))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class CategoryMultiplier {

        @Test
        void firesWhenTheCategoryIsInTheBasketAndMultipliesOnlyItsPoints() {
            RuleDefinition rule = BuiltInRules.categoryMultiplier("Coffee x3", "coffee", new BigDecimal("3"));

            RuleOutcome outcome = evaluate(rule, basketAt(TUESDAY), member("GREEN", 3), TUESDAY);

            // the latte earned 4 of the 8 points
            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isEqualTo(8);
            assertThat(outcome.explanation()).isEqualTo("x3 on coffee: +8");
        }

        @Test
        void doesNotFireWithoutTheCategory() {
            RuleDefinition rule = BuiltInRules.categoryMultiplier("Tea x3", "tea", new BigDecimal("3"));

            RuleOutcome outcome = evaluate(rule, basketAt(TUESDAY), member("GREEN", 3), TUESDAY);

            assertThat(outcome.fired()).isFalse();
            assertThat(outcome.explanation()).isEqualTo("condition is false: purchase.items.exists(i, i.category == \"tea\")");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "coffee\") || true || (\"",
                "x\" || true || \"",
                "x\\\" || true || \\\"",
                "x\\",
                "x') || true || ('",
                "\" + \"",
        })
        void aCategoryNameWithQuotesOrBackslashesIsMatchedLiterallyAndCannotInjectCel(String evil) {
            RuleDefinition rule = BuiltInRules.categoryMultiplier("Evil", evil, BigDecimal.TEN);

            // the expression still type-checks as one string comparison ...
            assertThat(evaluate(rule, basketAt(TUESDAY), member("GREEN", 3), TUESDAY).fired()).isFalse();
            // ... and matches exactly that category name, and nothing else
            Purchase withEvilCategory = purchase(TUESDAY, item("X", evil, 1, 500));
            RuleOutcome outcome = evaluate(rule, withEvilCategory, member("GREEN", 3), TUESDAY);
            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isEqualTo(45);
        }

        @Test
        void literalEscapesQuotesAndBackslashes() {
            assertThat(BuiltInRules.literal("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        }

        @Test
            void aCategoryNameWithALineBreakStillMakesACompilableRule() {
            RuleDefinition rule = BuiltInRules.categoryMultiplier("Odd", "hot\ndrinks", BigDecimal.valueOf(2));

            Purchase odd = purchase(TUESDAY, item("X", "hot\ndrinks", 1, 500));
            assertThat(evaluate(rule, odd, member("GREEN", 3), TUESDAY).fired()).isTrue();
        }

        @Test
        void aCategoryNameWithALineBreakCannotInjectEither() {
            String hostile = "x\n\") || true || (\"";
            var condition = RuleFixtures.CONDITIONS.compile("condition",
                    BuiltInRules.categoryMultiplier("Odd", hostile, BigDecimal.valueOf(2)).condition());

            var at = RuleFixtures.timestamp(RuleFixtures.TUESDAY_10_UTC);
            var member = RuleFixtures.member("GREEN", 0);
            assertThat(condition.holds(RuleFixtures.purchase(RuleFixtures.TUESDAY_10_UTC, RuleFixtures.item("A", hostile, 1, 100)), member, at))
                    .as("the name is matched literally").isTrue();
            assertThat(condition.holds(RuleFixtures.purchase(RuleFixtures.TUESDAY_10_UTC, RuleFixtures.item("A", "x", 1, 100)), member, at))
                    .as("and nothing else is matched").isFalse();
        }
    }

    @Nested
    class SpendThreshold {

        final RuleDefinition twentyOrMore = BuiltInRules.spendThresholdBonus("Spend 20", 2000, 25);

        @ParameterizedTest(name = "[{index}] total {0} minor units: fires {1}")
        @CsvSource({"1999, false", "2000, true", "2001, true", "200, false", "20, false", "200000, true"})
        void comparesTheTotalInMinorUnits(long totalMinor, boolean fires) {
            Purchase purchase = purchase(TUESDAY, item("X", "merch", 1, totalMinor));

            RuleOutcome outcome = evaluate(twentyOrMore, purchase, member("GREEN", 3), TUESDAY);

            assertThat(outcome.fired()).isEqualTo(fires);
            assertThat(outcome.points()).isEqualTo(fires ? 25 : 0);
        }
    }

    @Nested
    class StreakChallenge {

        final RuleDefinition threeInAWeek = BuiltInRules.streakChallenge("3 in 7", 3, Duration.ofDays(7), 75);

        Member withRecent(Duration... ago) {
            Member.Builder member = member("GREEN", 10).toBuilder();
            // oldest first, as the facts promise
            java.util.Arrays.stream(ago).sorted(java.util.Comparator.reverseOrder())
                    .forEach(d -> member.addRecentPurchases(timestamp(TUESDAY.minus(d))));
            return member.build();
        }

        boolean firesWith(Duration... ago) {
            return evaluate(threeInAWeek, basketAt(TUESDAY), withRecent(ago), TUESDAY).fired();
        }

        @Test
        void firesOnTheThirdPurchaseWithinSevenDays() {
            assertThat(firesWith(Duration.ofDays(1), Duration.ofDays(6))).isTrue();
            assertThat(firesWith(Duration.ofHours(1), Duration.ofMinutes(5))).isTrue();
            assertThat(firesWith(Duration.ofDays(7).minusSeconds(1), Duration.ofDays(3))).isTrue();
        }

        @Test
        void doesNotFireWithTooFewPurchasesInTheWindow() {
            assertThat(firesWith()).isFalse();
            assertThat(firesWith(Duration.ofDays(2))).isFalse();
            assertThat(firesWith(Duration.ofDays(2), Duration.ofDays(8))).isFalse();
            assertThat(firesWith(Duration.ofDays(2), Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(89))).isFalse();
        }

        @Test
        void aPurchaseExactlySevenDaysAgoIsOutsideTheWindow() {
            assertThat(firesWith(Duration.ofDays(7), Duration.ofDays(1))).isFalse();
        }

        @Test
        void doesNotFireAgainOnTheFourthPurchaseOfTheSameStreak() {
            assertThat(firesWith(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3))).isFalse();
        }

        @Test
        void isCappedToOncePerWeek() {
            assertThat(threeInAWeek.caps()).isEqualTo(new RuleCaps(null, 75L, null, null));

            RuleOutcome again = evaluate(threeInAWeek, basketAt(TUESDAY), withRecent(Duration.ofDays(1), Duration.ofDays(6)), TUESDAY,
                    new FakeCapUsage().use("builtin", CapUsage.Period.WEEK, 75));

            assertThat(again.points()).isZero();
            assertThat(again.explanation()).isEqualTo("bonus +75, capped at 0");
        }

        @Test
        void aStreakNeedsAtLeastTwoPurchases() {
            assertThatThrownBy(() -> BuiltInRules.streakChallenge("bad", 1, Duration.ofDays(7), 75))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Referral {

        final RuleDefinition rule = BuiltInRules.referralBonus("Referred", 200);

        @Test
        void firesOnTheFirstPurchaseOfAReferredMember() {
            Member referred = member("GREEN", 0).toBuilder().setReferredBy("m-0").build();

            RuleOutcome outcome = evaluate(rule, basketAt(TUESDAY), referred, TUESDAY);

            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isEqualTo(200);
            assertThat(rule.caps()).isEqualTo(new RuleCaps(null, null, null, 200L));
        }

        @Test
        void doesNotFireForMembersNobodyReferredOrAfterTheFirstPurchase() {
            assertThat(fires(rule, member("GREEN", 0))).isFalse();
            assertThat(fires(rule, member("GREEN", 1).toBuilder().setReferredBy("m-0").build())).isFalse();
        }
    }

    @Test
    void builtInRulesCombineWithEachOther() {
        Member referredNewcomer = member("GREEN", 0).toBuilder().setReferredBy("m-0").build();
        Purchase purchase = purchase(TUESDAY, item("BEANS", "coffee", 2, 1500));
        List<CompiledRule> rules = List.of(
                compiled("welcome", BuiltInRules.firstPurchaseBonus("Welcome", 100)),
                compiled("referral", BuiltInRules.referralBonus("Referred", 200)),
                compiled("tuesday", BuiltInRules.doublePointsDays("Double Tuesdays", Set.of(DayOfWeek.TUESDAY), ZoneOffset.UTC)),
                compiled("coffee", BuiltInRules.categoryMultiplier("Coffee x2", "coffee", BigDecimal.valueOf(2))),
                compiled("spend", BuiltInRules.spendThresholdBonus("Spend 20", 2000, 25)),
                compiled("fifth", BuiltInRules.everyNthVisit("Fifth", 5, 50)),
                compiled("unrelated", new RuleDefinition("Unrelated", "false", RuleAction.fixedBonus(1), 0, Stacking.STACK, null, null,
                        Set.of(), Set.of(), RuleCaps.NONE, null)));

        List<RuleOutcome> outcomes = engine.evaluate(rules, context(purchase, referredNewcomer, TUESDAY, Set.of(), CapUsage.NONE));

        // 30 base points: +100 +200 +30 (x2) +30 (coffee x2) +25
        assertThat(outcomes).filteredOn(RuleOutcome::fired).extracting(RuleOutcome::ruleId)
                .containsExactlyInAnyOrder("welcome", "referral", "tuesday", "coffee", "spend");
        assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(385);
    }
}
