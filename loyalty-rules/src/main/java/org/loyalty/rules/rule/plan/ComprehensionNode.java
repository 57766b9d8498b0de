package org.loyalty.rules.rule.plan;

import java.util.List;

/**
 * A CEL comprehension, which is what every macro ({@code exists}, {@code all}, {@code filter},
 * {@code map}, {@code exists_one}) expands to: fold the step over the range while the loop
 * condition holds, then compute the result from the accumulator.
 */
record ComprehensionNode(PlanNode range, PlanNode init, int iterSlot, int accuSlot,
                         PlanNode condition, PlanNode step, PlanNode result) implements PlanNode {

    @Override
    public Object eval(PlanFrame frame) {
        Object elements = range.eval(frame);
        if (PlanValues.isError(elements)) {
            return PlanValues.ERROR;
        }
        Object accumulator = init.eval(frame);
        for (Object element : (List<?>) elements) {
            frame.countIteration();
            frame.slots[iterSlot] = element;
            frame.slots[accuSlot] = accumulator;
            if (condition.eval(frame) != Boolean.TRUE) {
                break;
            }
            accumulator = step.eval(frame);
        }
        frame.slots[accuSlot] = accumulator;
        return result.eval(frame);
    }
}
