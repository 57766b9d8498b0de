package org.loyalty.infra.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.query.rule.RuleReader;
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
import org.loyalty.rules.rule.RuleOutcome;
import org.loyalty.rules.rule.facts.Member;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs a draft, together with the versions live at the sample purchase's time, against that
 * purchase, and explains every rule's outcome. Changes nothing; caps already used by a real member
 * are not known here, so none are counted.
 */
@Component
class RuleSimulator {

    /** The draft's place in the outcomes. */
    static final String DRAFT_ID = "draft";

    private final RuleConditions conditions;
    private final RuleEngine engine;
    private final RuleReader rules;
    private final LoyaltyProgram program;
    private final TierEarning earning = new TierEarning();

    RuleSimulator(RuleConditions conditions, RuleEngine engine, RuleReader rules, LoyaltyProgram program) {
        this.conditions = conditions;
        this.engine = engine;
        this.rules = rules;
        this.program = program;
    }

    record Simulation(long basePoints, long rulePoints, long totalPoints, List<RuleOutcome> outcomes) {
    }

    Mono<Simulation> simulate(RuleDefinition draft, RecordPurchase purchase, Member member) {
        Instant at = purchase.occurredAt();
        return rules.versionsLiveBetween(at, at.plusNanos(1)).collectList().map(live -> {
            List<CompiledRule> compiled = new ArrayList<>();
            if (draft != null) {
                compiled.add(new CompiledRule(DRAFT_ID, 0, draft, conditions.compile("rule.condition", draft.condition()), Instant.EPOCH, null));
            }
            live.forEach(v -> compiled.add(new CompiledRule(v.ruleId(), v.version(), v.definition(),
                    conditions.compile("condition", v.definition().condition()), v.liveFrom(), v.liveUntil())));
            TierDefinition tier = program.tiers().stream().filter(t -> t.code().equals(member.getTier())).findFirst()
                    .orElse(program.entryTier());
            Earning base = earning.earn(tier, purchase.paymentMethod(), purchase.items());
            RuleContext context = new RuleContext(FactsOf.purchase(purchase), member.toBuilder().setTier(tier.code()).build(), at,
                    base.points(), base.itemPoints(), java.util.Set.copyOf(member.getSegmentsList()), CapUsage.NONE);
            List<RuleOutcome> outcomes = engine.evaluate(compiled, context);
            long extra = RuleEngine.totalPoints(outcomes);
            return new Simulation(base.points(), extra, base.points() + extra, outcomes);
        });
    }
}
