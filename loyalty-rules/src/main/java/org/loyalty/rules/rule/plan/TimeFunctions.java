package org.loyalty.rules.rule.plan;

import static org.loyalty.rules.rule.plan.PlannedFunctions.strict;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.ToLongFunction;

/**
 * CEL's timestamp and duration functions. The calendar accessors follow CEL, not java.time: months,
 * days of the year and {@code getDayOfMonth} count from 0, {@code getDate} from 1, Sunday is day 0.
 * A time zone is planned only when it is a literal region id (so it is resolved once); any other
 * form leaves the condition to CEL's interpreter.
 */
final class TimeFunctions {

    private TimeFunctions() {
    }

    static PlanNode unary(String overloadId, PlanNode arg) {
        ToLongFunction<ZonedDateTime> field = calendarField(overloadId);
        if (field != null) {
            return strict(arg, t -> field.applyAsLong(((Instant) t).atZone(ZoneOffset.UTC)));
        }
        return switch (overloadId) {
            case "duration_to_hours" -> strict(arg, d -> ((Duration) d).toHours());
            case "duration_to_minutes" -> strict(arg, d -> ((Duration) d).toMinutes());
            case "duration_to_seconds" -> strict(arg, d -> ((Duration) d).getSeconds());
            default -> null;
        };
    }

    static PlanNode binary(String overloadId, PlanNode left, PlanNode right) {
        if (overloadId.endsWith("_with_tz")) {
            ToLongFunction<ZonedDateTime> field = calendarField(overloadId.substring(0, overloadId.length() - "_with_tz".length()));
            ZoneId zone = literalZone(right);
            if (field == null || zone == null) {
                return null;
            }
            return strict(left, t -> field.applyAsLong(((Instant) t).atZone(zone)));
        }
        return switch (overloadId) {
            case "add_timestamp_duration" -> strict(left, right, (t, d) -> PlanValues.timestamp(((Instant) t).plus((Duration) d)));
            case "add_duration_timestamp" -> strict(left, right, (d, t) -> PlanValues.timestamp(((Instant) t).plus((Duration) d)));
            case "subtract_timestamp_duration" -> strict(left, right, (t, d) -> PlanValues.timestamp(((Instant) t).minus((Duration) d)));
            case "subtract_timestamp_timestamp" -> strict(left, right, (a, b) -> PlanValues.duration(Duration.between((Instant) b, (Instant) a)));
            case "add_duration_duration" -> strict(left, right, (a, b) -> PlanValues.duration(((Duration) a).plus((Duration) b)));
            case "subtract_duration_duration" -> strict(left, right, (a, b) -> PlanValues.duration(((Duration) a).minus((Duration) b)));
            default -> null;
        };
    }

    private static ToLongFunction<ZonedDateTime> calendarField(String overloadId) {
        return switch (overloadId) {
            case "timestamp_to_year" -> ZonedDateTime::getYear;
            case "timestamp_to_month" -> t -> t.getMonthValue() - 1;
            case "timestamp_to_day_of_year" -> t -> t.getDayOfYear() - 1;
            case "timestamp_to_day_of_month" -> t -> t.getDayOfMonth() - 1;
            case "timestamp_to_day_of_month_1_based" -> ZonedDateTime::getDayOfMonth;
            case "timestamp_to_day_of_week" -> t -> t.getDayOfWeek().getValue() % 7;
            case "timestamp_to_hours" -> ZonedDateTime::getHour;
            case "timestamp_to_minutes" -> ZonedDateTime::getMinute;
            case "timestamp_to_seconds" -> ZonedDateTime::getSecond;
            case "timestamp_to_milliseconds" -> t -> t.getNano() / 1_000_000;
            default -> null;
        };
    }

    private static ZoneId literalZone(PlanNode node) {
        if (!(node instanceof ConstantNode constant) || !(constant.value() instanceof String id)
                || !(id.equals("UTC") || id.contains("/"))) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknownZone) {
            return null;
        }
    }
}
