package org.loyalty.rules.rule.plan;

import com.google.protobuf.Timestamp;

/** A condition compiled by {@link ConditionPlanner}; safe to share between threads (each evaluation has its own frame). */
public final class PlannedCondition {

    private final PlanNode root;
    private final int inputCount;
    private final int slotCount;
    private final int maxIterations;

    PlannedCondition(PlanNode root, int inputCount, int slotCount, int maxIterations) {
        this.root = root;
        this.inputCount = inputCount;
        this.slotCount = slotCount;
        this.maxIterations = maxIterations;
    }

    /**
     * True when the condition evaluates to true; false when it is false, an error, or runs past the
     * iteration limit, exactly like the interpreter's answer. Timestamps are passed as protobuf
     * timestamps, messages as they are, in the planner's input order.
     */
    public boolean holds(Object... inputs) {
        if (inputs.length != inputCount) {
            throw new IllegalArgumentException("expected " + inputCount + " inputs, got " + inputs.length);
        }
        PlanFrame frame = new PlanFrame(slotCount, maxIterations);
        for (int i = 0; i < inputs.length; i++) {
            frame.slots[i] = inputs[i] instanceof Timestamp t ? PlanValues.instant(t) : inputs[i];
        }
        try {
            return root.eval(frame) == Boolean.TRUE;
        } catch (PlanFrame.IterationLimitExceeded tooLong) {
            return false;
        }
    }
}
