package org.loyalty.command.rule;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.rule.DraftRule;
import org.loyalty.api.rule.PauseRule;
import org.loyalty.api.rule.PublishRule;
import org.loyalty.api.rule.RetireRule;
import org.loyalty.api.rule.ReviseRule;
import org.loyalty.api.rule.RuleState;
import org.loyalty.command.NewAggregates;
import org.loyalty.rules.rule.RuleValidator;

/** The marketer's commands on earning rules. Every definition is validated, its CEL condition compiled, before it is stored. */
public final class RuleCommandHandler {

    public static final String RULE_ID_PREFIX = "rule-";

    private final Repository<EarningRule> rules;
    private final RuleValidator validator;
    private final RuleRegistry registry;
    private final Clock clock;

    public RuleCommandHandler(Repository<EarningRule> rules, RuleValidator validator, RuleRegistry registry, Clock clock) {
        this.rules = rules;
        this.validator = validator;
        this.registry = registry;
        this.clock = clock;
    }

    @CommandHandler
    public RuleState handle(DraftRule command) {
        InvalidRequestException.throwIfAny(validator.violations(command.definition()));
        return NewAggregates.create(rules, () -> new EarningRule(command.ruleId(), command.definition(), clock.instant()),
                "rule " + command.ruleId()).invoke(EarningRule::state);
    }

    @CommandHandler
    public RuleState handle(ReviseRule command) {
        InvalidRequestException.throwIfAny(validator.violations(command.definition()));
        return update(command.ruleId(), (rule, now) -> rule.revise(command.definition(), now));
    }

    @CommandHandler
    public RuleState handle(PublishRule command) {
        return update(command.ruleId(), (rule, now) -> {
            int before = rule.state().version();
            RuleState state = rule.publish(now);
            if (state.version() != before) {
                registry.published(state.ruleId(), state.version(), now);
            }
            return state;
        });
    }

    @CommandHandler
    public RuleState handle(PauseRule command) {
        return update(command.ruleId(), (rule, now) -> {
            RuleState state = rule.pause(now);
            registry.ended(state.ruleId(), now);
            return state;
        });
    }

    @CommandHandler
    public RuleState handle(RetireRule command) {
        return update(command.ruleId(), (rule, now) -> {
            RuleState state = rule.retire(now);
            registry.ended(state.ruleId(), now);
            return state;
        });
    }

    private RuleState update(String ruleId, BiFunction<EarningRule, Instant, RuleState> change) {
        // Rule ids carry their own prefix: a member's id must never load as a rule.
        if (ruleId == null || !ruleId.startsWith(RULE_ID_PREFIX)) {
            throw new NotFoundException("ruleId", "no rule " + ruleId);
        }
        try {
            return rules.load(ruleId).invoke(rule -> change.apply(rule, clock.instant()));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("ruleId", "no rule " + ruleId);
        }
    }
}
