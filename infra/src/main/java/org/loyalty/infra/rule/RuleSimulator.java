package org.loyalty.infra.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.command.rule.RuleBook;
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
import org.loyalty.rules.rule.RuleValidator;
import org.loyalty.rules.rule.facts.Member;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
    private final RuleValidator validator;
    private final RuleEngine engine;
    private final RuleBook rules;
    private final LoyaltyProgram program;
    private final TierEarning earning = new TierEarning();

    RuleSimulator(RuleConditions conditions, RuleValidator validator, RuleEngine engine, RuleBook rules, LoyaltyProgram program) {
        this.conditions = conditions;
        this.validator = validator;
        this.engine = engine;
        this.rules = rules;
        this.program = program;
    }

    record Simulation(long basePoints, long rulePoints, long totalPoints, List<RuleOutcome> outcomes) {
    }

    /** Reads the live versions with blocking JDBC, so it runs on the bounded elastic scheduler. */
    Mono<Simulation> simulate(RuleDefinition draft, RecordPurchase purchase, Member member) {
        return Mono.fromCallable(() -> {
            Instant at = purchase.occurredAt();
            // The very rule book purchases are judged by: the versions live at that moment, compiled once.
            List<CompiledRule> compiled = new ArrayList<>(rules.liveAt(at));
            if (draft != null) {
                // The draft is held to what saving it would be held to: a rule without an action or with a
                // multiplier of 1e400 is refused here as it would be there, not run into a failure.
                InvalidRequestException.throwIfAny(validator.violations(draft).stream()
                        .map(v -> new Violation("rule." + v.field(), v.message())).toList());
                compiled.add(0, new CompiledRule(DRAFT_ID, 0, draft, conditions.compile("rule.condition", draft.condition()), Instant.EPOCH, null));
            }
            TierDefinition tier = program.tiers().stream().filter(t -> t.code().equals(member.getTier())).findFirst()
                    .orElse(program.entryTier());
            Earning base = earning.earn(tier, purchase.paymentMethod(), purchase.items());
            RuleContext context = new RuleContext(FactsOf.purchase(purchase), member.toBuilder().setTier(tier.code()).build(), at,
                    base.points(), base.itemPoints(), Set.copyOf(member.getSegmentsList()), CapUsage.NONE);
            List<RuleOutcome> outcomes = engine.evaluate(compiled, context);
            long extra = RuleEngine.totalPoints(outcomes);
            return new Simulation(base.points(), extra, base.points() + extra, outcomes);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
