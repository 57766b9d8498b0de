package org.loyalty.command.rule;

/**
 * What is left of each rule's total points budget, shared by all members and nodes. Consumed in the
 * purchase's transaction under a row lock, so concurrent purchases never spend more than the budget.
 */
public interface RuleBudgets {

    /** Takes up to {@code points} from the rule's budget of {@code budget} points and returns what it got (maybe 0). */
    long consume(String ruleId, long points, long budget);

    RuleBudgets UNLIMITED = (ruleId, points, budget) -> points;
}
