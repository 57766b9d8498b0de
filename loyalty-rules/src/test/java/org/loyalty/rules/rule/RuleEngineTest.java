package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyalty.rules.rule.RuleFixtures.PUBLISHED;
import static org.loyalty.rules.rule.RuleFixtures.TUESDAY_10_UTC;
import static org.loyalty.rules.rule.RuleFixtures.compiled;
import static org.loyalty.rules.rule.RuleFixtures.context;
import static org.loyalty.rules.rule.RuleFixtures.definition;
import static org.loyalty.rules.rule.RuleFixtures.item;
import static org.loyalty.rules.rule.RuleFixtures.member;
import static org.loyalty.rules.rule.RuleFixtures.purchase;
import static org.loyalty.rules.rule.RuleFixtures.withCaps;
import static org.loyalty.rules.rule.RuleFixtures.withEffective;
import static org.loyalty.rules.rule.RuleFixtures.withPriority;
import static org.loyalty.rules.rule.RuleFixtures.withTargets;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.RuleFixtures.FakeCapUsage;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

class RuleEngineTest {

    static final Instant NOW = TUESDAY_10_UTC;

    final RuleEngine engine = new RuleEngine();

    /** 2 lattes (coffee, 9 points), a muffin (bakery, 3 points), beans (coffee, 15 points): 27.50, 27 base points. */
    final Purchase basket = purchase(NOW,
            item("LATTE", "coffee", 2, 450),
            item("MUFFIN", "bakery", 1, 350),
            item("BEANS", "coffee", 1, 1500));
    final Member green = member("GREEN", 4);

    RuleContext basketContext() {
        return context(basket, green, NOW, Set.of(), CapUsage.NONE);
    }

    RuleOutcome single(CompiledRule rule, RuleContext context) {
        List<RuleOutcome> outcomes = engine.evaluate(List.of(rule), context);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    RuleOutcome single(RuleDefinition definition) {
        return single(compiled("r-1", definition), basketContext());
    }

    @Test
    void theContextSplitsTheBasketAsDocumented() {
        assertThat(basketContext().basePoints()).isEqualTo(27);
        assertThat(basketContext().itemPoints()).containsExactly(9L, 3L, 15L);
        assertThat(basket.getTotalMinor()).isEqualTo(2750);
    }

    @Nested
    class Actions {

        @Test
        void aMultiplierOnTheWholePurchaseGivesTheExtraPoints() {
            RuleOutcome outcome = single(definition("Double", "true", RuleAction.multiplier(new BigDecimal("2"), null)));

            assertThat(outcome).isEqualTo(new RuleOutcome("r-1", 1, "Double", true, 27, null, "x2: +27"));
        }

        @Test
        void aFractionalMultiplierRoundsTheExtraPointsDown() {
            RuleOutcome outcome = single(definition("Half again", "true", RuleAction.multiplier(new BigDecimal("1.50"), null)));

            // 27 x 0.5 = 13.5
            assertThat(outcome.points()).isEqualTo(13);
            assertThat(outcome.explanation()).isEqualTo("x1.5: +13");
        }

        @Test
        void aMultiplierBelowOneGivesNothingRatherThanTakingPointsAway() {
            RuleOutcome outcome = single(definition("Bad deal", "true", RuleAction.multiplier(new BigDecimal("0.5"), null)));

            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isZero();
        }

        @Test
        void aCategoryMultiplierOnlyCountsThePointsOfThatCategorysItems() {
            RuleOutcome outcome = single(definition("Triple coffee", "true", RuleAction.multiplier(new BigDecimal("3"), "coffee")));

            // coffee items earned 9 + 15 = 24; x3 adds 2 x 24
            assertThat(outcome.points()).isEqualTo(48);
            assertThat(outcome.explanation()).isEqualTo("x3 on coffee: +48");
        }

        @Test
        void aCategoryMultiplierOnACategoryNotInTheBasketGivesNothing() {
            RuleOutcome outcome = single(definition("Tea", "true", RuleAction.multiplier(new BigDecimal("3"), "tea")));

            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isZero();
        }

        @Test
        void aFixedBonusIsGivenOncePerPurchase() {
            RuleOutcome outcome = single(definition("Welcome", "true", RuleAction.fixedBonus(50)));

            assertThat(outcome).isEqualTo(new RuleOutcome("r-1", 1, "Welcome", true, 50, null, "bonus +50"));
        }

        @Test
        void aPerItemBonusBySkuCountsEveryUnitOfThatSku() {
            RuleOutcome outcome = single(definition("Latte love", "true", RuleAction.perItemBonus(10, "LATTE", null)));

            assertThat(outcome.points()).isEqualTo(20);
            assertThat(outcome.explanation()).isEqualTo("10 per item LATTE: +20");
        }

        @Test
        void aPerItemBonusByCategoryCountsEveryUnitInThatCategory() {
            RuleOutcome outcome = single(definition("Coffee units", "true", RuleAction.perItemBonus(10, null, "coffee")));

            // 2 lattes + 1 beans
            assertThat(outcome.points()).isEqualTo(30);
            assertThat(outcome.explanation()).isEqualTo("10 per item in coffee: +30");
        }

        @Test
        void aPerItemBonusWithSkuAndCategoryNeedsBoth() {
            assertThat(single(definition("both", "true", RuleAction.perItemBonus(10, "MUFFIN", "bakery"))).points()).isEqualTo(10);
            assertThat(single(definition("mismatch", "true", RuleAction.perItemBonus(10, "MUFFIN", "coffee"))).points()).isZero();
        }

        @Test
        void anIssueRewardRuleIssuesTheRewardAndNoPoints() {
            RuleOutcome outcome = single(definition("Free coffee", "true", RuleAction.issueReward("FREE-COFFEE")));

            assertThat(outcome).isEqualTo(new RuleOutcome("r-1", 1, "Free coffee", true, 0, "FREE-COFFEE", "issues reward FREE-COFFEE"));
        }

        @Test
        void aRuleWhoseConditionIsFalseDoesNotFireAndQuotesTheCondition() {
            RuleOutcome outcome = single(definition("Big spender", "purchase.total_minor >= 10000", RuleAction.fixedBonus(50)));

            assertThat(outcome).isEqualTo(new RuleOutcome("r-1", 1, "Big spender", false, 0, null,
                    "condition is false: purchase.total_minor >= 10000"));
        }

        @Test
        void theConditionSeesPurchaseMemberAndNow() {
            RuleOutcome outcome = single(definition("Tuesday coffee",
                    "purchase.items.exists(i, i.category == \"coffee\" && i.quantity >= 2) && member.tier == \"GREEN\""
                            + " && now.getDayOfWeek() == 2 && purchase.total_minor > 2000",
                    RuleAction.fixedBonus(5)));

            assertThat(outcome.fired()).isTrue();
        }

        @Test
        void totalPointsAddsUpOnlyFiredOutcomes() {
            List<RuleOutcome> outcomes = engine.evaluate(List.of(
                    compiled("a", definition("a", "true", RuleAction.fixedBonus(50))),
                    compiled("b", definition("b", "false", RuleAction.fixedBonus(1000))),
                    compiled("c", definition("c", "true", RuleAction.multiplier(new BigDecimal("2"), null)))), basketContext());

            assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(50 + 27);
        }
    }

    @Nested
    class Targets {

        final RuleDefinition goldOnly = withTargets(definition("Gold", "true", RuleAction.fixedBonus(10)), Set.of("GOLD", "RESERVE"), Set.of());
        final RuleDefinition studentsOrStaff = withTargets(definition("Students", "true", RuleAction.fixedBonus(10)), Set.of(),
                Set.of("students", "staff"));

        @Test
        void aTierTargetedRuleSkipsOtherTiersAndSaysWhy() {
            RuleOutcome outcome = single(goldOnly);

            assertThat(outcome.fired()).isFalse();
            assertThat(outcome.explanation()).startsWith("for tiers [").contains("GOLD", "RESERVE").endsWith("], member is GREEN");
        }

        @Test
        void aTierTargetedRuleFiresForItsTier() {
            RuleOutcome outcome = single(compiled("r-1", goldOnly), context(basket, member("GOLD", 4), NOW, Set.of(), CapUsage.NONE));

            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isEqualTo(10);
        }

        @Test
        void aSegmentTargetedRuleFiresWhenTheMemberIsInAnyOfItsSegments() {
            RuleOutcome outcome = single(compiled("r-1", studentsOrStaff),
                    context(basket, green, NOW, Set.of("staff", "vip"), CapUsage.NONE));

            assertThat(outcome.fired()).isTrue();
        }

        @Test
        void aSegmentTargetedRuleSkipsMembersInNoneOfItsSegments() {
            RuleOutcome outcome = single(compiled("r-1", studentsOrStaff), context(basket, green, NOW, Set.of("vip"), CapUsage.NONE));

            assertThat(outcome.fired()).isFalse();
            assertThat(outcome.explanation()).startsWith("for segments [").contains("students", "staff");
        }

        @Test
        void tierAndSegmentTargetsMustBothMatch() {
            RuleDefinition both = withTargets(definition("Both", "true", RuleAction.fixedBonus(10)), Set.of("GOLD"), Set.of("staff"));

            assertThat(single(compiled("r", both), context(basket, member("GOLD", 1), NOW, Set.of("staff"), CapUsage.NONE)).fired()).isTrue();
            assertThat(single(compiled("r", both), context(basket, member("GOLD", 1), NOW, Set.of(), CapUsage.NONE)).fired()).isFalse();
            assertThat(single(compiled("r", both), context(basket, member("GREEN", 1), NOW, Set.of("staff"), CapUsage.NONE)).fired()).isFalse();
        }
    }

    @Nested
    class Windows {

        final RuleDefinition bonus = definition("Bonus", "true", RuleAction.fixedBonus(10));

        @Test
        void aRuleBeforeItsEffectiveFromDoesNotApplyAndSaysWhen() {
            RuleOutcome outcome = single(withEffective(bonus, NOW.plusSeconds(1), null));

            assertThat(outcome.fired()).isFalse();
            assertThat(outcome.explanation()).isEqualTo("not in effect at " + NOW);
        }

        @Test
        void effectiveFromIsInclusiveAndEffectiveToIsExclusive() {
            assertThat(single(withEffective(bonus, NOW, NOW.plusSeconds(1))).fired()).isTrue();
            assertThat(single(withEffective(bonus, NOW.minusSeconds(60), NOW)).fired()).isFalse();
        }

        @Test
        void aVersionIsLiveFromLiveFromInclusiveUntilLiveUntilExclusive() {
            assertThat(single(compiled("r", bonus, NOW, null), basketContext()).fired()).isTrue();
            assertThat(single(compiled("r", bonus, NOW.plusNanos(1), null), basketContext()).fired()).isFalse();
            assertThat(single(compiled("r", bonus, PUBLISHED, NOW), basketContext()).fired()).isFalse();
            assertThat(single(compiled("r", bonus, PUBLISHED, NOW.plusNanos(1)), basketContext()).fired()).isTrue();
        }

        @Test
        void aRetiredVersionAndItsSuccessorAnswerForTheirOwnPeriods() {
            RuleDefinition v2Definition = definition("Bonus v2", "true", RuleAction.fixedBonus(20));
            CompiledRule v1 = compiled("r", bonus, PUBLISHED, NOW.minus(Duration.ofDays(1)));
            CompiledRule v2 = new CompiledRule("r", 2, v2Definition, RuleFixtures.CONDITIONS.compile("condition", "true"),
                    NOW.minus(Duration.ofDays(1)), null);

            List<RuleOutcome> outcomes = engine.evaluate(List.of(v1, v2), basketContext());

            assertThat(outcomes).filteredOn(RuleOutcome::fired).singleElement()
                    .satisfies(o -> assertThat(o.version()).isEqualTo(2))
                    .satisfies(o -> assertThat(o.points()).isEqualTo(20));
        }

        /**
         * Live [10:00, 12:00) and effective [11:00, 13:00): the rule applies in [11:00, 12:00) only. Then live
         * [10:00, 12:00) and effective [09:00, 11:00): [10:00, 11:00).
         */
        @ParameterizedTest(name = "[{index}] live [10:00, 12:00), effective [{0}, {1}) at {2}: {3}")
        @CsvSource({
                "11:00, 13:00, 09:59:59, false",
                "11:00, 13:00, 10:00:00, false",
                "11:00, 13:00, 10:59:59, false",
                "11:00, 13:00, 11:00:00, true",
                "11:00, 13:00, 11:59:59, true",
                "11:00, 13:00, 12:00:00, false",
                "11:00, 13:00, 12:30:00, false",
                "09:00, 11:00, 09:30:00, false",
                "09:00, 11:00, 10:00:00, true",
                "09:00, 11:00, 10:59:59, true",
                "09:00, 11:00, 11:00:00, false",
                "     ,      , 09:59:59, false",
                "     ,      , 10:00:00, true",
                "     ,      , 11:59:59, true",
                "     ,      , 12:00:00, false",
        })
        void appliesAtIsTheLiveWindowIntersectedWithTheEffectiveWindow(String from, String to, String at, boolean applies) {
            RuleDefinition d = withEffective(bonus, from == null ? null : at(from), to == null ? null : at(to));
            CompiledRule rule = compiled("r", d, at("10:00"), at("12:00"));

            assertThat(rule.appliesAt(at(at))).isEqualTo(applies);
        }

        @Test
        void anOpenEndedLiveVersionAppliesForeverWithinItsEffectiveWindow() {
            CompiledRule rule = compiled("r", withEffective(bonus, null, at("13:00")), at("10:00"), null);

            assertThat(rule.appliesAt(at("12:59:59"))).isTrue();
            assertThat(rule.appliesAt(at("13:00"))).isFalse();
            assertThat(compiled("r", bonus, at("10:00"), null).appliesAt(Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
        }

        private static Instant at(String time) {
            return Instant.parse("2026-03-03T" + (time.length() == 5 ? time + ":00" : time) + "Z");
        }
    }

    @Nested
    class OrderAndStacking {

        CompiledRule rule(String id, int priority, Stacking stacking, long points) {
            return compiled(id, withPriority(definition(id, "true", RuleAction.fixedBonus(points)), priority, stacking));
        }

        @Test
        void rulesRunHighestPriorityFirstAndTiesByRuleId() {
            List<CompiledRule> rules = List.of(
                    rule("r-b", 10, Stacking.STACK, 1),
                    rule("r-c", 5, Stacking.STACK, 1),
                    rule("r-a", 10, Stacking.STACK, 1),
                    rule("r-d", 20, Stacking.STACK, 1),
                    rule("r-e", -1, Stacking.STACK, 1));

            assertThat(engine.evaluate(rules, basketContext())).extracting(RuleOutcome::ruleId)
                    .containsExactly("r-d", "r-a", "r-b", "r-c", "r-e");
        }

        @Test
        void theOutcomeDoesNotDependOnTheOrderRulesAreLoadedIn() {
            List<CompiledRule> rules = new ArrayList<>(List.of(
                    rule("r-1", 3, Stacking.STACK, 10),
                    rule("r-2", 3, Stacking.BEST_OF, 40),
                    rule("r-3", 3, Stacking.BEST_OF, 40),
                    rule("r-4", 2, Stacking.STOP_AFTER, 5),
                    rule("r-5", 3, Stacking.BEST_OF, 30),
                    rule("r-6", 1, Stacking.STACK, 100)));
            List<RuleOutcome> expected = engine.evaluate(rules, basketContext());
            Random random = new Random(42);

            for (int i = 0; i < 20; i++) {
                Collections.shuffle(rules, random);
                assertThat(engine.evaluate(rules, basketContext())).isEqualTo(expected);
            }
            assertThat(expected).filteredOn(RuleOutcome::fired).extracting(RuleOutcome::ruleId).containsExactly("r-1", "r-2", "r-4");
        }

        @Test
            void versionsOfOneRuleAreOrderedDeterministicallyToo() {
            RuleDefinition d = withPriority(definition("r", "true", RuleAction.fixedBonus(10)), 1, Stacking.STACK);
            CompiledRule v1 = new CompiledRule("r", 1, d, RuleFixtures.CONDITIONS.compile("condition", "true"), PUBLISHED,
                    NOW.minusSeconds(3600));
            CompiledRule v2 = new CompiledRule("r", 2, d, RuleFixtures.CONDITIONS.compile("condition", "true"),
                    NOW.minusSeconds(3600), null);

            assertThat(engine.evaluate(List.of(v2, v1), basketContext())).isEqualTo(engine.evaluate(List.of(v1, v2), basketContext()));
        }

        @Test
        void versionsOfOneRuleGiveTheSamePointsWhateverTheLoadOrder() {
            RuleDefinition d = withPriority(definition("r", "true", RuleAction.fixedBonus(10)), 1, Stacking.STACK);
            CompiledRule v1 = new CompiledRule("r", 1, d, RuleFixtures.CONDITIONS.compile("condition", "true"), PUBLISHED,
                    NOW.minusSeconds(3600));
            CompiledRule v2 = new CompiledRule("r", 2, withPriority(definition("r", "true", RuleAction.fixedBonus(20)), 1, Stacking.STACK),
                    RuleFixtures.CONDITIONS.compile("condition", "true"), NOW.minusSeconds(3600), null);

            for (List<CompiledRule> rules : List.of(List.of(v1, v2), List.of(v2, v1))) {
                List<RuleOutcome> outcomes = engine.evaluate(rules, basketContext());
                assertThat(outcomes).filteredOn(RuleOutcome::fired).singleElement()
                        .satisfies(o -> assertThat(o.version()).isEqualTo(2));
                assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(20);
            }
        }

        @Test
        void aFiringStopAfterRuleStopsEveryRuleAfterItAndSaysWhich() {
            List<RuleOutcome> outcomes = engine.evaluate(List.of(
                    rule("high", 20, Stacking.STACK, 1),
                    rule("stop", 10, Stacking.STOP_AFTER, 2),
                    rule("low", 5, Stacking.STACK, 3),
                    rule("lower", 1, Stacking.BEST_OF, 4)), basketContext());

            assertThat(outcomes).extracting(RuleOutcome::ruleId, RuleOutcome::fired, RuleOutcome::points).containsExactly(
                    tuple("high", true, 1L),
                    tuple("stop", true, 2L),
                    tuple("low", false, 0L),
                    tuple("lower", false, 0L));
            assertThat(outcomes.get(2).explanation()).isEqualTo("not run: rule stop stops lower-priority rules");
            assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(3);
        }

        @Test
        void aStopAfterRuleThatDoesNotFireStopsNothing() {
            CompiledRule stop = compiled("stop", withPriority(definition("stop", "false", RuleAction.fixedBonus(2)), 10, Stacking.STOP_AFTER));

            List<RuleOutcome> outcomes = engine.evaluate(List.of(stop, rule("low", 5, Stacking.STACK, 3)), basketContext());

            assertThat(outcomes).extracting(RuleOutcome::fired).containsExactly(false, true);
        }

        @Test
        void onlyTheBestPayingBestOfRuleKeepsItsPointsAndTheOthersAreExplained() {
            List<RuleOutcome> outcomes = engine.evaluate(List.of(
                    rule("bo-30", 9, Stacking.BEST_OF, 30),
                    rule("bo-80", 5, Stacking.BEST_OF, 80),
                    rule("bo-50", 7, Stacking.BEST_OF, 50),
                    rule("stack", 1, Stacking.STACK, 10)), basketContext());

            assertThat(outcomes).extracting(RuleOutcome::ruleId, RuleOutcome::fired, RuleOutcome::points).containsExactly(
                    tuple("bo-30", false, 0L),
                    tuple("bo-50", false, 0L),
                    tuple("bo-80", true, 80L),
                    tuple("stack", true, 10L));
            assertThat(outcomes.get(0).explanation()).isEqualTo("best-of: rule bo-80 gives more");
            assertThat(outcomes.get(1).explanation()).isEqualTo("best-of: rule bo-80 gives more");
            assertThat(RuleEngine.totalPoints(outcomes)).isEqualTo(90);
        }

        @Test
        void bestOfComparesPointsAfterCaps() {
            CompiledRule cappedBig = compiled("big", withCaps(withPriority(definition("big", "true", RuleAction.fixedBonus(100)), 1,
                    Stacking.BEST_OF), new RuleCaps(20L, null, null, null)));
            List<RuleOutcome> outcomes = engine.evaluate(List.of(cappedBig, rule("small", 1, Stacking.BEST_OF, 30)), basketContext());

            assertThat(outcomes).filteredOn(RuleOutcome::fired).singleElement()
                    .satisfies(o -> assertThat(o.ruleId()).isEqualTo("small"));
        }

        @Test
        void bestOfTiesGoToTheRuleThatRanFirst() {
            List<RuleOutcome> outcomes = engine.evaluate(List.of(
                    rule("b", 1, Stacking.BEST_OF, 40),
                    rule("a", 1, Stacking.BEST_OF, 40),
                    rule("c", 2, Stacking.BEST_OF, 40)), basketContext());

            assertThat(outcomes).filteredOn(RuleOutcome::fired).extracting(RuleOutcome::ruleId).containsExactly("c");
        }

        @Test
        void aBestOfRuleThatDoesNotFireKeepsItsOwnExplanation() {
            CompiledRule notFiring = compiled("no", withPriority(definition("no", "false", RuleAction.fixedBonus(500)), 1, Stacking.BEST_OF));

            List<RuleOutcome> outcomes = engine.evaluate(List.of(notFiring, rule("yes", 1, Stacking.BEST_OF, 5)), basketContext());

            assertThat(outcomes.get(0).explanation()).isEqualTo("condition is false: false");
            assertThat(outcomes.get(1).fired()).isTrue();
        }
    }

    @Nested
    class Caps {

        final RuleDefinition bonus100 = definition("Bonus", "true", RuleAction.fixedBonus(100));

        @Test
        void aRuleThatIssuesARewardIsCappedInRewardsIssued() {
            RuleDefinition gift = withCaps(definition("Gift", "true", RuleAction.issueReward("FREE-DRINK")), new RuleCaps(null, 1L, null, 3L));

            RuleOutcome first = single(compiled("r-1", gift), context(basket, green, NOW, Set.of(), new FakeCapUsage()));
            RuleOutcome secondThisWeek = single(compiled("r-1", gift), context(basket, green, NOW, Set.of(),
                    new FakeCapUsage().fired("r-1", CapUsage.Period.WEEK, 1).fired("r-1", CapUsage.Period.LIFETIME, 1)));
            RuleOutcome fourthInAll = single(compiled("r-1", gift), context(basket, green, NOW, Set.of(),
                    new FakeCapUsage().fired("r-1", CapUsage.Period.LIFETIME, 3)));

            assertThat(first.fired()).isTrue();
            assertThat(first.rewardId()).isEqualTo("FREE-DRINK");
            assertThat(secondThisWeek.rewardId()).as("no second reward this week").isNull();
            assertThat(secondThisWeek.explanation()).isEqualTo("issues reward FREE-DRINK, cap reached: 1 reward(s) issued this week, cap 1");
            assertThat(fourthInAll.rewardId()).isNull();
            assertThat(fourthInAll.points()).isZero();
            assertThat(fourthInAll.explanation()).isEqualTo("issues reward FREE-DRINK, cap reached: 3 reward(s) issued in all, cap 3");
        }

        RuleOutcome capped(RuleCaps caps, FakeCapUsage usage) {
            return single(compiled("r-1", withCaps(bonus100, caps)), context(basket, green, NOW, Set.of(), usage));
        }

        @ParameterizedTest(name = "[{index}] cap {0} with {1} used gives {2}")
        @CsvSource({
                "DAY, 0, 100",
                "DAY, 80, 70",
                "DAY, 150, 0",
                "DAY, 400, 0",
                "WEEK, 0, 100",
                "WEEK, 120, 30",
                "WEEK, 150, 0",
                "MONTH, 60, 90",
                "MONTH, 149, 1",
                "LIFETIME, 100, 50",
                "LIFETIME, 1000, 0",
        })
        void eachCapClampsThePointsToWhatIsLeftInItsPeriod(CapUsage.Period period, long used, long expected) {
            RuleCaps caps = switch (period) {
                case DAY -> new RuleCaps(150L, null, null, null);
                case WEEK -> new RuleCaps(null, 150L, null, null);
                case MONTH -> new RuleCaps(null, null, 150L, null);
                case LIFETIME -> new RuleCaps(null, null, null, 150L);
            };

            RuleOutcome outcome = capped(caps, new FakeCapUsage().use("r-1", period, used));

            assertThat(outcome.fired()).isTrue();
            assertThat(outcome.points()).isEqualTo(expected);
            assertThat(outcome.explanation()).isEqualTo(expected < 100 ? "bonus +100, capped at " + expected : "bonus +100");
        }

        @Test
        void theTightestCapWins() {
            FakeCapUsage usage = new FakeCapUsage()
                    .use("r-1", CapUsage.Period.DAY, 10)
                    .use("r-1", CapUsage.Period.WEEK, 400)
                    .use("r-1", CapUsage.Period.MONTH, 900)
                    .use("r-1", CapUsage.Period.LIFETIME, 5_000);

            // left: day 190, week 50, month 100, lifetime 5000
            RuleOutcome outcome = capped(new RuleCaps(200L, 450L, 1_000L, 10_000L), usage);

            assertThat(outcome.points()).isEqualTo(50);
            assertThat(outcome.explanation()).isEqualTo("bonus +100, capped at 50");
        }

        @Test
        void usageIsCountedPerRule() {
            FakeCapUsage usage = new FakeCapUsage().use("other-rule", CapUsage.Period.DAY, 1_000);

            assertThat(capped(new RuleCaps(150L, null, null, null), usage).points()).isEqualTo(100);
        }

        @Test
        void usageWithoutACapDoesNotLimit() {
            FakeCapUsage usage = new FakeCapUsage().use("r-1", CapUsage.Period.DAY, 1_000_000);

            assertThat(capped(new RuleCaps(null, 500L, null, null), usage).points()).isEqualTo(100);
        }

        @Test
        void capsClampMultipliersAndPerItemBonusesToo() {
            FakeCapUsage usage = new FakeCapUsage().use("m", CapUsage.Period.DAY, 5).use("p", CapUsage.Period.DAY, 5);
            RuleCaps caps = new RuleCaps(15L, null, null, null);
            CompiledRule multiplier = compiled("m", withCaps(definition("m", "true", RuleAction.multiplier(new BigDecimal("2"), null)), caps));
            CompiledRule perItem = compiled("p", withCaps(definition("p", "true", RuleAction.perItemBonus(10, null, "coffee")), caps));

            List<RuleOutcome> outcomes = engine.evaluate(List.of(multiplier, perItem), context(basket, green, NOW, Set.of(), usage));

            assertThat(outcomes).extracting(RuleOutcome::points).containsExactly(10L, 10L);
            assertThat(outcomes).extracting(RuleOutcome::explanation).containsExactly("x2: +27, capped at 10", "10 per item in coffee: +30, capped at 10");
        }
    }
}
