package org.loyalty.rules.rule;

import java.math.BigDecimal;
import java.util.List;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.rule.RuleAction;
import org.loyalty.api.rule.RuleCaps;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.rules.validation.Violations;

/**
 * Whether a rule definition can be saved: a name, an action that makes sense, a window that ends
 * after it starts, positive caps and budget, and a condition that compiles and type-checks.
 */
public final class RuleValidator {

    static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;
    static final long MAX_BONUS = 1_000_000;

    private final RuleConditions conditions;

    public RuleValidator(RuleConditions conditions) {
        this.conditions = conditions;
    }

    /** The violations of {@code definition}, the condition's compile errors included (with line and column). */
    public List<Violation> violations(RuleDefinition definition) {
        Violations v = new Violations();
        if (definition == null) {
            return v.add("definition", "is required").list();
        }
        v.requireText("name", definition.name(), 200);
        checkAction(v, definition.action());
        if (definition.priority() < -1000 || definition.priority() > 1000) {
            v.add("priority", "must be between -1000 and 1000");
        }
        if (definition.effectiveFrom() != null && definition.effectiveTo() != null
                && !definition.effectiveTo().isAfter(definition.effectiveFrom())) {
            v.add("effectiveTo", "must be after effectiveFrom");
        }
        checkCaps(v, definition.caps());
        if (definition.budgetPoints() != null && definition.budgetPoints() <= 0) {
            v.add("budgetPoints", "must be positive");
        }
        List<Violation> found = v.list();
        try {
            conditions.compile("condition", definition.condition());
        } catch (InvalidRequestException e) {
            return java.util.stream.Stream.concat(found.stream(), e.violations().stream()).toList();
        }
        return found;
    }

    private static void checkAction(Violations v, RuleAction action) {
        if (action == null || action.type() == null) {
            v.add("action.type", "is required: MULTIPLIER, FIXED_BONUS, PER_ITEM_BONUS or ISSUE_REWARD");
            return;
        }
        switch (action.type()) {
            case MULTIPLIER -> {
                if (action.multiplier() == null || action.multiplier().compareTo(BigDecimal.ONE) <= 0
                        || action.multiplier().compareTo(MAX_MULTIPLIER) > 0) {
                    v.add("action.multiplier", "must be greater than 1 and at most " + MAX_MULTIPLIER);
                }
            }
            case FIXED_BONUS, PER_ITEM_BONUS -> {
                if (action.points() <= 0 || action.points() > MAX_BONUS) {
                    v.add("action.points", "must be between 1 and " + MAX_BONUS);
                }
            }
            case ISSUE_REWARD -> v.requireId("action.rewardId", action.rewardId());
        }
    }

    private static void checkCaps(Violations v, RuleCaps caps) {
        checkCap(v, "caps.perDay", caps.perDay());
        checkCap(v, "caps.perWeek", caps.perWeek());
        checkCap(v, "caps.perMonth", caps.perMonth());
        checkCap(v, "caps.lifetime", caps.lifetime());
    }

    private static void checkCap(Violations v, String field, Long cap) {
        if (cap != null && cap <= 0) {
            v.add(field, "must be positive");
        }
    }
}
