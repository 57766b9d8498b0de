package org.loyalty.rules.rule.plan;

import static org.loyalty.rules.rule.plan.PlanValues.ERROR;
import static org.loyalty.rules.rule.plan.PlanValues.isError;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The CEL functions a planned condition may call, by the overload id the type checker resolved. A
 * function that is not here makes the whole condition run on CEL's interpreter instead, so this table
 * only has to be right, not complete. Strict functions return the error value when an argument is one.
 */
final class PlannedFunctions {

    private PlannedFunctions() {
    }

    /** The node for {@code overloadId} applied to {@code args} (the receiver first), or empty if it is not planned. */
    static Optional<PlanNode> call(String overloadId, List<PlanNode> args) {
        return Optional.ofNullable(switch (args.size()) {
            case 1 -> unary(overloadId, args.get(0));
            case 2 -> binary(overloadId, args.get(0), args.get(1));
            case 3 -> "conditional".equals(overloadId) ? conditional(args.get(0), args.get(1), args.get(2)) : null;
            default -> null;
        });
    }

    private static PlanNode unary(String overloadId, PlanNode arg) {
        return switch (overloadId) {
            case "logical_not" -> strict(arg, v -> !(Boolean) v);
            case "not_strictly_false" -> frame -> arg.eval(frame) != Boolean.FALSE;
            case "negate_int64" -> strict(arg, v -> exact(() -> Math.negateExact((Long) v)));
            case "size_list", "list_size" -> strict(arg, v -> (long) ((List<?>) v).size());
            case "size_string", "string_size" -> strict(arg, v -> (long) ((String) v).codePointCount(0, ((String) v).length()));
            default -> TimeFunctions.unary(overloadId, arg);
        };
    }

    private static PlanNode binary(String overloadId, PlanNode left, PlanNode right) {
        return switch (overloadId) {
            case "logical_and" -> and(left, right);
            case "logical_or" -> or(left, right);
            case "equals" -> strict(left, right, (a, b) -> a.equals(b));
            case "not_equals" -> strict(left, right, (a, b) -> !a.equals(b));
            case "less_int64", "less_timestamp", "less_duration", "less_string", "less_bool" ->
                    strict(left, right, (a, b) -> compare(a, b) < 0);
            case "less_equals_int64", "less_equals_timestamp", "less_equals_duration", "less_equals_string", "less_equals_bool" ->
                    strict(left, right, (a, b) -> compare(a, b) <= 0);
            case "greater_int64", "greater_timestamp", "greater_duration", "greater_string", "greater_bool" ->
                    strict(left, right, (a, b) -> compare(a, b) > 0);
            case "greater_equals_int64", "greater_equals_timestamp", "greater_equals_duration", "greater_equals_string", "greater_equals_bool" ->
                    strict(left, right, (a, b) -> compare(a, b) >= 0);
            case "add_int64" -> strict(left, right, (a, b) -> exact(() -> Math.addExact((Long) a, (Long) b)));
            case "subtract_int64" -> strict(left, right, (a, b) -> exact(() -> Math.subtractExact((Long) a, (Long) b)));
            case "multiply_int64" -> strict(left, right, (a, b) -> exact(() -> Math.multiplyExact((Long) a, (Long) b)));
            case "divide_int64" -> strict(left, right, PlannedFunctions::divide);
            case "modulo_int64" -> strict(left, right, PlannedFunctions::modulo);
            case "add_string" -> strict(left, right, (a, b) -> (String) a + b);
            case "add_list" -> strict(left, right, PlannedFunctions::concat);
            case "in_list" -> strict(left, right, (a, b) -> ((List<?>) b).contains(a));
            case "index_list" -> strict(left, right, PlannedFunctions::index);
            case "contains_string" -> strict(left, right, (a, b) -> ((String) a).contains((String) b));
            case "starts_with_string" -> strict(left, right, (a, b) -> ((String) a).startsWith((String) b));
            case "ends_with_string" -> strict(left, right, (a, b) -> ((String) a).endsWith((String) b));
            default -> TimeFunctions.binary(overloadId, left, right);
        };
    }

    /** CEL's {@code &&}: false wins over an error on either side, so the order of the operands never matters. */
    private static PlanNode and(PlanNode left, PlanNode right) {
        return frame -> {
            Object a = left.eval(frame);
            if (a == Boolean.FALSE) {
                return Boolean.FALSE;
            }
            Object b = right.eval(frame);
            if (b == Boolean.FALSE) {
                return Boolean.FALSE;
            }
            return a == Boolean.TRUE && b == Boolean.TRUE ? Boolean.TRUE : ERROR;
        };
    }

    /** CEL's {@code ||}: true wins over an error on either side. */
    private static PlanNode or(PlanNode left, PlanNode right) {
        return frame -> {
            Object a = left.eval(frame);
            if (a == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            Object b = right.eval(frame);
            if (b == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            return a == Boolean.FALSE && b == Boolean.FALSE ? Boolean.FALSE : ERROR;
        };
    }

    private static PlanNode conditional(PlanNode condition, PlanNode then, PlanNode otherwise) {
        return frame -> {
            Object c = condition.eval(frame);
            if (c == Boolean.TRUE) {
                return then.eval(frame);
            }
            return c == Boolean.FALSE ? otherwise.eval(frame) : ERROR;
        };
    }

    static PlanNode strict(PlanNode arg, UnaryOperator<Object> function) {
        return frame -> {
            Object v = arg.eval(frame);
            return isError(v) ? ERROR : function.apply(v);
        };
    }

    static PlanNode strict(PlanNode left, PlanNode right, BinaryOperator<Object> function) {
        return frame -> {
            Object a = left.eval(frame);
            if (isError(a)) {
                return ERROR;
            }
            Object b = right.eval(frame);
            return isError(b) ? ERROR : function.apply(a, b);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** Integer overflow is an error in CEL, not a wrap-around. */
    private static Object exact(java.util.function.LongSupplier operation) {
        try {
            return operation.getAsLong();
        } catch (ArithmeticException overflow) {
            return ERROR;
        }
    }

    private static Object divide(Object a, Object b) {
        long dividend = (Long) a;
        long divisor = (Long) b;
        if (divisor == 0 || (dividend == Long.MIN_VALUE && divisor == -1)) {
            return ERROR;
        }
        return dividend / divisor;
    }

    private static Object modulo(Object a, Object b) {
        long dividend = (Long) a;
        long divisor = (Long) b;
        if (divisor == 0 || (dividend == Long.MIN_VALUE && divisor == -1)) {
            return ERROR;
        }
        return dividend % divisor;
    }

    private static Object concat(Object a, Object b) {
        List<?> first = (List<?>) a;
        List<?> second = (List<?>) b;
        List<Object> joined = new ArrayList<>(first.size() + second.size());
        joined.addAll(first);
        joined.addAll(second);
        return joined;
    }

    private static Object index(Object list, Object position) {
        List<?> elements = (List<?>) list;
        long at = (Long) position;
        return at < 0 || at >= elements.size() ? ERROR : Objects.requireNonNull(elements.get((int) at));
    }
}
