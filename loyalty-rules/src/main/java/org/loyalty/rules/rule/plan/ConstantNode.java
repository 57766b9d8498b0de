package org.loyalty.rules.rule.plan;

/** A literal, or a value the planner computed once (a list of literals, {@code duration("1h")}). */
record ConstantNode(Object value) implements PlanNode {

    @Override
    public Object eval(PlanFrame frame) {
        return value;
    }
}
