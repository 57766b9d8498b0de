package org.loyalty.rules.rule;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;
import org.loyalty.rules.rule.plan.ConditionPlanner;
import org.loyalty.rules.rule.plan.PlannedCondition;

/**
 * Compiles and runs rule conditions in CEL, and nothing else: no scripts, no reflection. A condition
 * sees three variables, {@code purchase} and {@code member} (typed by rule_facts.proto, so a misspelt
 * field is an error when the rule is saved, with its line and column) and {@code now} (a timestamp).
 * CEL has no loops but its bounded macros, no I/O and no access to Java, which is what makes it safe
 * to run marketers' expressions on every purchase.
 *
 * <p>A condition runs on a plan compiled once from its checked syntax tree ({@link ConditionPlanner}),
 * about twenty times faster than CEL's tree-walking interpreter; conditions outside the planned subset
 * run on the interpreter. Both give the same answers (see the differential tests).
 */
public final class RuleConditions {

    static final int MAX_LENGTH = 2_000;
    /** Even bounded macros are capped, so one condition cannot chew through a huge list. */
    static final int MAX_ITERATIONS = 10_000;

    private final Cel cel = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addMessageTypes(Purchase.getDescriptor(), Member.getDescriptor())
            .addVar("purchase", StructTypeReference.create(Purchase.getDescriptor().getFullName()))
            .addVar("member", StructTypeReference.create(Member.getDescriptor().getFullName()))
            .addVar("now", SimpleType.TIMESTAMP)
            .setResultType(SimpleType.BOOL)
            .build();

    private final ConditionPlanner planner = new ConditionPlanner(List.of("purchase", "member", "now"),
            List.of(Purchase.getDescriptor(), Member.getDescriptor(), Item.getDescriptor()), MAX_ITERATIONS);

    /** A checked condition, ready to run on any number of purchases. */
    public static final class Condition {

        private final String source;
        private final CelRuntime.Program program;
        /** Empty when the condition uses something the planner leaves to the interpreter. */
        private final Optional<PlannedCondition> plan;

        private Condition(String source, CelRuntime.Program program, Optional<PlannedCondition> plan) {
            this.source = source;
            this.program = program;
            this.plan = plan;
        }

        /** Whether this condition runs on the compiled plan rather than on CEL's interpreter. */
        public boolean planned() {
            return plan.isPresent();
        }

        public String source() {
            return source;
        }

        /** True when the condition holds for these facts; an expression that fails at run time does not hold. */
        public boolean holds(Purchase purchase, Member member, com.google.protobuf.Timestamp now) {
            if (plan.isPresent()) {
                return plan.get().holds(purchase, member, now);
            }
            return interpreted(purchase, member, now);
        }

        /**
         * Why CEL's interpreter stops on these facts (an index out of range, the iteration budget, ...), or
         * empty when it evaluates: the reason behind a {@code false} from {@link #interpreted}.
         */
        Optional<String> interpreterFailure(Purchase purchase, Member member, com.google.protobuf.Timestamp now) {
            try {
                program.eval(Map.of("purchase", purchase, "member", member, "now", now));
                return Optional.empty();
            } catch (CelEvaluationException e) {
                return Optional.of(e.getMessage());
            }
        }

        /** The answer of CEL's own interpreter, the reference the plan is held to. */
        public boolean interpreted(Purchase purchase, Member member, com.google.protobuf.Timestamp now) {
            try {
                return Boolean.TRUE.equals(program.eval(Map.of("purchase", purchase, "member", member, "now", now)));
            } catch (CelEvaluationException e) {
                // e.g. an index out of range on this purchase: the rule does not apply, the purchase still earns.
                return false;
            }
        }
    }

    /**
     * Parses and type-checks {@code expression}. Errors are reported as violations of {@code field},
     * each with the line and column CEL points at.
     */
    public Condition compile(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            return compile(field, "true");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidRequestException(List.of(new Violation(field, "must be at most " + MAX_LENGTH + " characters")));
        }
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            throw new InvalidRequestException(result.getErrors().stream()
                    .map(issue -> new Violation(field, describe(issue)))
                    .toList());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Condition(expression, cel.createProgram(ast), planner.plan(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidRequestException(List.of(new Violation(field, e.getMessage())));
        }
    }

    /** A CEL compile error as marketers see it: "line 1, column 7: undefined field ..." (columns from 1). */
    public static String describe(CelIssue issue) {
        var at = issue.getSourceLocation();
        return "line " + at.getLine() + ", column " + (at.getColumn() + 1) + ": " + issue.getMessage();
    }
}
