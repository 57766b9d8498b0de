package org.loyalty.command.rule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.rule.DraftRule;
import org.loyalty.api.rule.PauseRule;
import org.loyalty.api.rule.PublishRule;
import org.loyalty.api.rule.RetireRule;
import org.loyalty.api.rule.ReviseRule;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.RuleDrafted;
import org.loyalty.api.rule.RulePaused;
import org.loyalty.api.rule.RulePublished;
import org.loyalty.api.rule.RuleRetired;
import org.loyalty.api.rule.RuleRevised;
import org.loyalty.api.rule.RuleState;
import org.loyalty.api.rule.RuleStatus;
import org.loyalty.api.rule.Stacking;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.RuleValidator;

class EarningRuleFixtureTest {

    static final String RULE = "rule-1";
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final RuleDefinition BONUS = definition("Ten on coffee", "purchase.items.exists(i, i.category == \"coffee\")", 10);
    static final RuleDefinition BIGGER_BONUS = definition("Twenty on coffee", "purchase.items.exists(i, i.category == \"coffee\")", 20);

    AggregateTestFixture<EarningRule> fixture;
    final List<String> liveChanges = new ArrayList<>();
    final RuleRegistry registry = new RuleRegistry() {
        @Override
        public void published(String ruleId, int version, Instant at) {
            liveChanges.add("published " + ruleId + " v" + version);
        }

        @Override
        public void ended(String ruleId, Instant at) {
            liveChanges.add("ended " + ruleId);
        }
    };

    static RuleDefinition definition(String name, String condition, long points) {
        return new RuleDefinition(name, condition, RuleAction.fixedBonus(points), 0, Stacking.STACK, null, null, Set.of(), Set.of(), null, null);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EarningRule.class);
        fixture.registerAnnotatedCommandHandler(new RuleCommandHandler(fixture.getRepository(),
                new RuleValidator(new RuleConditions()), registry, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void aDraftIsStoredWithItsDefinitionAndEarnsNothingYet() {
        fixture.givenNoPriorActivity()
                .when(new DraftRule(RULE, BONUS))
                .expectEvents(new RuleDrafted(RULE, BONUS, NOW))
                .expectResultMessagePayload(new RuleState(RULE, RuleStatus.DRAFT, 0));
    }

    @Test
    void aDraftWhoseConditionDoesNotCompileIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new DraftRule(RULE, definition("Typo", "purchase.totl_minor > 1", 10)))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("condition line 1, column 9"));
    }

    @Test
    void publishingFreezesTheDraftAsVersionOne() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW))
                .when(new PublishRule(RULE))
                .expectEvents(new RulePublished(RULE, 1, BONUS, NOW))
                .expectResultMessagePayload(new RuleState(RULE, RuleStatus.PUBLISHED, 1));
        org.assertj.core.api.Assertions.assertThat(liveChanges).containsExactly("published rule-1 v1");
    }

    @Test
    void publishingAnUnchangedLiveRuleAgainChangesNothing() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW))
                .when(new PublishRule(RULE))
                .expectNoEvents()
                .expectResultMessagePayload(new RuleState(RULE, RuleStatus.PUBLISHED, 1));
        org.assertj.core.api.Assertions.assertThat(liveChanges).isEmpty();
    }

    @Test
    void aRevisedDraftBecomesVersionTwoOnlyWhenPublished() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW))
                .when(new ReviseRule(RULE, BIGGER_BONUS))
                .expectEvents(new RuleRevised(RULE, BIGGER_BONUS, NOW))
                .expectResultMessagePayload(new RuleState(RULE, RuleStatus.PUBLISHED, 1));
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW), new RuleRevised(RULE, BIGGER_BONUS, NOW))
                .when(new PublishRule(RULE))
                .expectEvents(new RulePublished(RULE, 2, BIGGER_BONUS, NOW));
    }

    @Test
    void aLiveRuleCanBePausedAndPublishedAgainAsANewVersion() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW))
                .when(new PauseRule(RULE))
                .expectEvents(new RulePaused(RULE, 1, NOW));
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW), new RulePaused(RULE, 1, NOW))
                .when(new PublishRule(RULE))
                .expectEvents(new RulePublished(RULE, 2, BONUS, NOW));
    }

    @Test
    void onlyALiveRuleCanBePaused() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW))
                .when(new PauseRule(RULE))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
    }

    @Test
    void aRetiredRuleIsRetiredForGood() {
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RulePublished(RULE, 1, BONUS, NOW))
                .when(new RetireRule(RULE))
                .expectEvents(new RuleRetired(RULE, NOW));
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RuleRetired(RULE, NOW))
                .when(new RetireRule(RULE))
                .expectNoEvents()
                .expectResultMessagePayload(new RuleState(RULE, RuleStatus.RETIRED, 0));
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RuleRetired(RULE, NOW))
                .when(new PublishRule(RULE))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
        fixture.given(new RuleDrafted(RULE, BONUS, NOW), new RuleRetired(RULE, NOW))
                .when(new ReviseRule(RULE, BIGGER_BONUS))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
    }

    @Test
    void anIdThatIsNotARulesIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new PublishRule("member-1"))
                .expectNoEvents()
                .expectException(NotFoundException.class);
    }
}
