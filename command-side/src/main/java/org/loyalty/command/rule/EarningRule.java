package org.loyalty.command.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.api.rule.RuleDrafted;
import org.loyalty.api.rule.RulePaused;
import org.loyalty.api.rule.RulePublished;
import org.loyalty.api.rule.RuleRetired;
import org.loyalty.api.rule.RuleRevised;
import org.loyalty.api.rule.RuleState;
import org.loyalty.api.rule.RuleStatus;

/**
 * A marketer's earning rule, event-sourced so that every change is audited. Its lifecycle: a draft
 * is published into immutable versions (1, 2, ...); a live rule can be paused and published again;
 * retiring ends it for good. Purchases are judged by the version live when they occurred.
 */
public class EarningRule {

    @AggregateIdentifier
    private String ruleId;
    private RuleStatus status;
    private RuleDefinition draft;
    private RuleDefinition published;
    private int version;

    protected EarningRule() {
    }

    public EarningRule(String ruleId, RuleDefinition definition, Instant now) {
        apply(new RuleDrafted(ruleId, definition, now));
    }

    public RuleState revise(RuleDefinition definition, Instant now) {
        requireNotRetired("revised");
        apply(new RuleRevised(ruleId, definition, now));
        return state();
    }

    /** A new version from the draft; publishing an unchanged draft of a live rule changes nothing. */
    public RuleState publish(Instant now) {
        requireNotRetired("published");
        if (status == RuleStatus.PUBLISHED && draft.equals(published)) {
            return state();
        }
        apply(new RulePublished(ruleId, version + 1, draft, now));
        return state();
    }

    public RuleState pause(Instant now) {
        requireNotRetired("paused");
        if (status != RuleStatus.PUBLISHED) {
            throw new RuleViolationException("status", "only a live rule can be paused; rule " + ruleId + " is " + status);
        }
        apply(new RulePaused(ruleId, version, now));
        return state();
    }

    /** Retiring twice changes nothing. */
    public RuleState retire(Instant now) {
        if (status != RuleStatus.RETIRED) {
            apply(new RuleRetired(ruleId, now));
        }
        return state();
    }

    public RuleState state() {
        return new RuleState(ruleId, status, version);
    }

    private void requireNotRetired(String action) {
        if (status == RuleStatus.RETIRED) {
            throw new RuleViolationException("status", "rule " + ruleId + " is retired and cannot be " + action);
        }
    }

    @EventSourcingHandler
    void on(RuleDrafted event) {
        ruleId = event.ruleId();
        draft = event.definition();
        status = RuleStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(RuleRevised event) {
        draft = event.definition();
    }

    @EventSourcingHandler
    void on(RulePublished event) {
        version = event.version();
        published = event.definition();
        status = RuleStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(RulePaused event) {
        status = RuleStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(RuleRetired event) {
        status = RuleStatus.RETIRED;
    }
}
