package org.loyalty.rules.rule.plan;

/**
 * One node of a planned condition. It returns a CEL value: {@code Long}, {@code String},
 * {@code Boolean}, {@code java.time.Instant} (timestamp), {@code java.time.Duration}, a {@code List},
 * a protobuf message, or {@link PlanValues#ERROR} where CEL would carry an error value.
 */
@FunctionalInterface
interface PlanNode {

    Object eval(PlanFrame frame);
}
