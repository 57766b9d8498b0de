package org.loyalty.rules.rule.plan;

/**
 * The variables of one evaluation: the condition's inputs in the first slots, then one slot per
 * comprehension variable. It also counts comprehension iterations for the whole evaluation, as CEL's
 * interpreter does, so a condition cannot run longer here than it may there.
 */
final class PlanFrame {

    final Object[] slots;
    private final int maxIterations;
    private int iterations;

    PlanFrame(int slotCount, int maxIterations) {
        this.slots = new Object[slotCount];
        this.maxIterations = maxIterations;
    }

    void countIteration() {
        if (++iterations > maxIterations) {
            throw new IterationLimitExceeded();
        }
    }

    /** Ends the evaluation: CEL raises an exception here rather than an error value that {@code ||} could absorb. */
    static final class IterationLimitExceeded extends RuntimeException {
        IterationLimitExceeded() {
            super("comprehension iteration limit exceeded", null, false, false);
        }
    }
}
