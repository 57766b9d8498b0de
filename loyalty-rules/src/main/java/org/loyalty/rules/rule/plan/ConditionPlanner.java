package org.loyalty.rules.rule.plan;

import com.google.protobuf.Descriptors.Descriptor;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a type-checked CEL condition into a tree of Java closures over the facts. This is what CEL's
 * own interpreter does on every evaluation, done once: overloads are resolved by the checker's
 * reference map, literals and {@code duration("...")} are computed ahead, variables become array
 * slots. The interpreter stays the reference: a condition that uses anything outside the planned
 * subset (doubles, maps, conversions, regular expressions, ...) is not planned and runs there, and a
 * differential test holds the two to the same answers.
 */
public final class ConditionPlanner {

    /** Types whose values the planner represents; anything else (dyn, double, uint, bytes, map) is left to CEL. */
    private static final Set<CelKind> PLANNED_KINDS = Set.of(CelKind.BOOL, CelKind.INT, CelKind.STRING,
            CelKind.TIMESTAMP, CelKind.DURATION, CelKind.LIST, CelKind.STRUCT);

    /** Evaluates {@code duration("...")} and {@code timestamp("...")} literals with CEL itself, so parsing matches. */
    private static final Cel LITERALS = CelFactory.standardCelBuilder().addVar("s", SimpleType.STRING).build();

    private final List<String> inputs;
    private final MessageFields fields;
    private final int maxIterations;

    /**
     * @param inputs the condition's variables in the order {@link PlannedCondition#holds} receives them
     * @param messages the fact message types the condition may read
     */
    public ConditionPlanner(List<String> inputs, List<Descriptor> messages, int maxIterations) {
        this.inputs = List.copyOf(inputs);
        Map<String, Descriptor> byName = new HashMap<>();
        messages.forEach(m -> byName.put(m.getFullName(), m));
        this.fields = new MessageFields(byName);
        this.maxIterations = maxIterations;
    }

    /** The planned condition, or empty when it uses something outside the planned subset. */
    public Optional<PlannedCondition> plan(CelAbstractSyntaxTree checked) {
        if (!checked.isChecked()) {
            return Optional.empty();
        }
        Scope scope = new Scope();
        inputs.forEach(scope::declare);
        try {
            PlanNode root = new Compilation(checked, scope).node(checked.getExpr());
            return Optional.of(new PlannedCondition(root, inputs.size(), scope.slotCount(), maxIterations));
        } catch (NotPlanned notPlanned) {
            return Optional.empty();
        }
    }

    /** One pass over one syntax tree. */
    private final class Compilation {
        private final CelAbstractSyntaxTree ast;
        private Scope scope;

        Compilation(CelAbstractSyntaxTree ast, Scope scope) {
            this.ast = ast;
            this.scope = scope;
        }

        PlanNode node(CelExpr expr) {
            CelType type = ast.getType(expr.id()).orElseThrow(NotPlanned::new);
            if (!PLANNED_KINDS.contains(type.kind())) {
                throw new NotPlanned();
            }
            return switch (expr.getKind()) {
                case CONSTANT -> constant(expr);
                case IDENT -> variable(expr.ident().name());
                case SELECT -> select(expr);
                case CALL -> call(expr);
                case LIST -> list(expr.list().elements());
                case COMPREHENSION -> comprehension(expr.comprehension());
                default -> throw new NotPlanned();
            };
        }

        private PlanNode constant(CelExpr expr) {
            var constant = expr.constant();
            return switch (constant.getKind()) {
                case BOOLEAN_VALUE -> new ConstantNode(constant.booleanValue());
                case INT64_VALUE -> new ConstantNode(constant.int64Value());
                case STRING_VALUE -> new ConstantNode(constant.stringValue());
                default -> throw new NotPlanned();
            };
        }

        private PlanNode variable(String name) {
            int slot = scope.slotOf(name);
            return frame -> frame.slots[slot];
        }

        private PlanNode select(CelExpr expr) {
            var select = expr.select();
            CelType operandType = ast.getType(select.operand().id()).orElseThrow(NotPlanned::new);
            if (operandType.kind() != CelKind.STRUCT) {
                throw new NotPlanned();
            }
            return fields.select(operandType.name(), select.field(), select.testOnly(), node(select.operand()))
                    .orElseThrow(NotPlanned::new);
        }

        private PlanNode call(CelExpr expr) {
            CelReference reference = ast.getReference(expr.id()).orElseThrow(NotPlanned::new);
            if (reference.overloadIds().size() != 1) {
                throw new NotPlanned();
            }
            String overloadId = reference.overloadIds().get(0);
            List<PlanNode> args = new ArrayList<>();
            expr.call().target().ifPresent(target -> args.add(node(target)));
            expr.call().args().forEach(arg -> args.add(node(arg)));
            if (overloadId.equals("string_to_duration") || overloadId.equals("string_to_timestamp")) {
                return literal(expr.call().function(), args);
            }
            return PlannedFunctions.call(overloadId, args).orElseThrow(NotPlanned::new);
        }

        /** {@code duration("1h")} with a literal argument, computed now; a non-literal argument is not planned. */
        private PlanNode literal(String function, List<PlanNode> args) {
            if (args.size() != 1 || !(args.get(0) instanceof ConstantNode text)) {
                throw new NotPlanned();
            }
            try {
                var program = LITERALS.createProgram(LITERALS.compile(function + "(s)").getAst());
                return new ConstantNode(PlanValues.fromCel(program.eval(Map.of("s", text.value()))));
            } catch (CelValidationException | CelEvaluationException invalid) {
                // The interpreter reports the same failure on every evaluation; leave it to it.
                throw new NotPlanned();
            }
        }

        private PlanNode list(List<CelExpr> elements) {
            List<PlanNode> nodes = elements.stream().map(this::node).toList();
            if (nodes.stream().allMatch(ConstantNode.class::isInstance)) {
                return new ConstantNode(nodes.stream().map(n -> ((ConstantNode) n).value()).toList());
            }
            return frame -> {
                List<Object> values = new ArrayList<>(nodes.size());
                for (PlanNode n : nodes) {
                    Object value = n.eval(frame);
                    if (PlanValues.isError(value)) {
                        return PlanValues.ERROR;
                    }
                    values.add(value);
                }
                return values;
            };
        }

        private PlanNode comprehension(CelExpr.CelComprehension c) {
            if (!c.iterVar2().isEmpty()) {
                throw new NotPlanned();
            }
            CelType rangeType = ast.getType(c.iterRange().id()).orElseThrow(NotPlanned::new);
            if (rangeType.kind() != CelKind.LIST) {
                throw new NotPlanned();
            }
            PlanNode range = node(c.iterRange());
            PlanNode init = node(c.accuInit());
            Scope outer = scope;
            scope = outer.child();
            int accuSlot = scope.declare(c.accuVar());
            PlanNode result = node(c.result());
            int iterSlot = scope.declare(c.iterVar());
            PlanNode condition = node(c.loopCondition());
            PlanNode step = node(c.loopStep());
            scope = outer;
            return new ComprehensionNode(range, init, iterSlot, accuSlot, condition, step, result);
        }
    }

    /** Variable names to frame slots; a comprehension's variables shadow outer ones of the same name. */
    private static final class Scope {
        private final Scope parent;
        private final int[] counter;
        private final Map<String, Integer> slots = new HashMap<>();

        Scope() {
            this(null, new int[1]);
        }

        private Scope(Scope parent, int[] counter) {
            this.parent = parent;
            this.counter = counter;
        }

        Scope child() {
            return new Scope(this, counter);
        }

        int declare(String name) {
            int slot = counter[0]++;
            slots.put(name, slot);
            return slot;
        }

        int slotOf(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Integer slot = s.slots.get(name);
                if (slot != null) {
                    return slot;
                }
            }
            throw new NotPlanned();
        }

        int slotCount() {
            return counter[0];
        }
    }

    /** Thrown inside the planner for a construct outside the planned subset. */
    private static final class NotPlanned extends RuntimeException {
        NotPlanned() {
            super(null, null, false, false);
        }
    }
}
