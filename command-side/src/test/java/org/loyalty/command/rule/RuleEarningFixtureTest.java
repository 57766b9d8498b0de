package org.loyalty.command.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.Stacking;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.rules.rule.BuiltInRules;
import org.loyalty.rules.rule.CompiledRule;
import org.loyalty.rules.rule.RuleConditions;

/** Marketers' rules in the earning step: judged at occurredAt, recorded with id and version, capped and budgeted. */
class RuleEarningFixtureTest extends AccountFixtureTestBase {

    static final String ENROLLED = "2025-03-01T10:00:00Z";
    static final String BOUGHT = "2025-03-15T10:00:00Z";
    static final RuleConditions CONDITIONS = new RuleConditions();

    final List<CompiledRule> live = new ArrayList<>();
    final Map<String, Long> budgetLeft = new HashMap<>();
    final Set<String> segmentsOfTheMember = new java.util.HashSet<>();
    int segmentLookups;

    @Override
    protected org.loyalty.command.account.MemberSegments memberSegments() {
        return memberId -> {
            segmentLookups++;
            return Set.copyOf(segmentsOfTheMember);
        };
    }

    @Override
    protected RuleBook ruleBook() {
        return occurredAt -> live.stream().filter(r -> r.appliesAt(occurredAt)).toList();
    }

    @Override
    protected RuleBudgets ruleBudgets() {
        return (ruleId, points, budget) -> {
            long left = budgetLeft.getOrDefault(ruleId, budget);
            long granted = Math.min(points, left);
            budgetLeft.put(ruleId, left - granted);
            return granted;
        };
    }

    private void publish(String ruleId, int version, RuleDefinition definition, String liveFrom) {
        live.add(new CompiledRule(ruleId, version, definition, CONDITIONS.compile("condition", definition.condition()),
                Instant.parse(liveFrom), null));
    }

    private static RuleDefinition bonus(String name, String condition, long points, RuleCaps caps, Long budget) {
        return new RuleDefinition(name, condition, RuleAction.fixedBonus(points), 0, Stacking.STACK, null, null, Set.of(), Set.of(), caps, budget);
    }

    @Test
    void aLiveRulesBonusIsEarnedAndRecordedWithItsIdAndVersion() {
        publish("rule-coffee", 3, bonus("Coffee bonus", "purchase.items.exists(i, i.category == \"coffee\")", 25, null, null), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        PointsEarned earned = last(PointsEarned.class);
        assertThat(earned.points()).isEqualTo(35);
        assertThat(earned.applied()).extracting(AppliedRule::ruleId, AppliedRule::version, AppliedRule::points)
                .contains(org.assertj.core.groups.Tuple.tuple("rule-coffee", 3, 25L));
    }

    private void publishSegmentRules() {
        publish("rule-champions", 1, new RuleDefinition("Champions", "true", RuleAction.fixedBonus(40), 0, Stacking.STACK, null, null,
                Set.of(), Set.of("Champions"), null, null), ENROLLED);
        publish("rule-at-risk", 1, bonus("Win back", "\"At Risk\" in member.segments", 15, null, null), ENROLLED);
    }

    @Test
    void aConditionCanReadTheMembersSegments() {
        publishSegmentRules();
        segmentsOfTheMember.add("At Risk");

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).applied()).extracting(AppliedRule::ruleId).contains("rule-at-risk").doesNotContain("rule-champions");
        assertThat(last(PointsEarned.class).points()).isEqualTo(10 + 15);
    }

    @Test
    void aRuleForASegmentFiresOnlyForItsMembers() {
        publishSegmentRules();
        segmentsOfTheMember.add("Champions");

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).applied()).extracting(AppliedRule::ruleId).contains("rule-champions").doesNotContain("rule-at-risk");
        assertThat(last(PointsEarned.class).points()).isEqualTo(10 + 40);
    }

    @Test
    void segmentsAreNotLookedUpWhenNoLiveRuleNeedsThem() {
        publish("rule-coffee", 1, bonus("Coffee bonus", "purchase.items.exists(i, i.category == \"coffee\")", 25, null, null), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(segmentLookups).isZero();
    }

    @Test
    void aPurchaseIsJudgedByTheVersionsLiveWhenItOccurred() {
        publish("rule-late", 1, bonus("Late bonus", "true", 25, null, null), "2025-03-20T00:00:00Z");

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).points()).isEqualTo(10);
    }

    @Test
    void theFirstPurchaseBonusFiresOnlyOnce() {
        publish("rule-first", 1, BuiltInRules.firstPurchaseBonus("Welcome", 50), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).commands(spend("t-1", "10.00"))
                .when(spend("t-2", "10.00")).expectSuccessfulHandlerExecution();

        List<PointsEarned> earned = history().stream().filter(PointsEarned.class::isInstance).map(PointsEarned.class::cast).toList();
        assertThat(earned).extracting(PointsEarned::points).containsExactly(60L, 10L);
    }

    @Test
    void aDailyCapLimitsTheRulesPointsPerMember() {
        publish("rule-daily", 1, bonus("Daily", "true", 30, new RuleCaps(40L, null, null, null), null), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).commands(spend("t-1", "1.00"))
                .when(spend("t-2", "1.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).applied()).filteredOn(r -> r.ruleId().equals("rule-daily"))
                .singleElement().satisfies(r -> assertThat(r.points()).isEqualTo(10));
    }

    @Test
    void aRuleNeverGivesMoreThanItsBudget() {
        publish("rule-budget", 1, bonus("Budgeted", "true", 30, null, 40L), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).commands(spend("t-1", "1.00"), spend("t-2", "1.00"))
                .when(spend("t-3", "1.00")).expectSuccessfulHandlerExecution();

        List<Long> bonuses = history().stream().filter(PointsEarned.class::isInstance).map(PointsEarned.class::cast)
                .flatMap(e -> e.applied().stream()).filter(r -> r.ruleId().equals("rule-budget")).map(AppliedRule::points).toList();
        assertThat(bonuses).containsExactly(30L, 10L);
        assertThat(budgetLeft).containsEntry("rule-budget", 0L);
    }

    @Test
    void aRuleThatIssuesARewardIssuesIt() {
        publish("rule-gift", 2, new RuleDefinition("Muffin on big baskets", "purchase.total_minor >= 2000",
                RuleAction.issueReward("R100"), 0, Stacking.STACK, null, null, Set.of(), Set.of(), null, null), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "25.00")).expectSuccessfulHandlerExecution();

        RewardIssued issued = last(RewardIssued.class);
        assertThat(issued.rewardId()).isEqualTo("R100");
        assertThat(issued.issueId()).isEqualTo("rule/rule-gift/t-1");
    }

    @Test
    void aRewardRulesCapCountsTheRewardsItIssued() {
        publish("rule-gift", 1, new RuleDefinition("One muffin a week", "true", RuleAction.issueReward("R100"), 0, Stacking.STACK,
                null, null, Set.of(), Set.of(), new RuleCaps(null, 1L, null, null), null), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).commands(spend("t-1", "5.00"))
                .at("2025-03-15T16:00:00Z").when(spend("t-2", "5.00")).expectSuccessfulHandlerExecution();

        assertThat(history()).filteredOn(RewardIssued.class::isInstance).extracting(e -> ((RewardIssued) e).issueId())
                .as("the second purchase of the week gets no second reward").containsExactly("rule/rule-gift/t-1");
    }

    @Test
    void aCategoryMultiplierCountsOnlyThatCategory() {
        publish("rule-x2", 1, BuiltInRules.categoryMultiplier("Coffee x2", "coffee", BigDecimal.valueOf(2)), ENROLLED);

        given().at(ENROLLED).commands(enrollment()).at(BOUGHT).when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).points()).isEqualTo(20);
    }

    @Test
    void aRuleSeesThePurchasesOfTheNinetyDaysBeforeThisOneOldestFirst() {
        // Fires when the two purchases before this one, and only they, lie in its 90 days, in time order; the purchase
        // recorded later with an earlier time (a POS clock running late) counts in its place, the one after does not.
        publish("rule-regular", 1, bonus("Regular", "member.recent_purchases.size() == 2"
                + " && member.recent_purchases[0] < member.recent_purchases[1]", 7, null, null), ENROLLED);

        given().at(ENROLLED).commands(enrollment())
                .at("2025-03-02T10:00:00Z").commands(spend("t-old", "1.00"))
                .at("2025-06-01T10:00:00Z").commands(spend("t-1", "1.00"))
                .at("2025-06-20T10:00:00Z").commands(spend("t-after", "1.00"))
                .at("2025-06-20T11:00:00Z").commands(boughtAt("t-posted-late", "2025-05-20T10:00:00Z"))
                .at("2025-06-20T12:00:00Z").when(boughtAt("t-judged", "2025-06-05T10:00:00Z")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).applied()).extracting(AppliedRule::ruleId).contains("rule-regular");
    }

    /** A purchase the POS posts now that occurred at {@code occurredAt}. */
    private RecordPurchase boughtAt(String transactionId, String occurredAt) {
        RecordPurchase purchase = purchase(transactionId, item("sku-1", 1, "1.00"));
        return new RecordPurchase(purchase.memberId(), transactionId, purchase.storeId(), instant(occurredAt),
                purchase.currency(), purchase.paymentMethod(), purchase.items());
    }
}
