package org.loyalty.rules.rule.plan;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** CEL's value semantics for the planned subset: the error value, integer overflow, time ranges. */
final class PlanValues {

    /**
     * CEL's error value. It is a value, not an exception, because CEL's {@code &&}, {@code ||} and the
     * macros' loop conditions absorb errors: {@code false && error} is false, {@code true || error} true.
     */
    static final Object ERROR = new Object() {
        @Override
        public String toString() {
            return "<error>";
        }
    };

    /** CEL timestamps span years 1 to 9999; arithmetic that leaves the range is an error. */
    private static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** CEL durations span +-10,000 years in seconds. */
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

    private PlanValues() {
    }

    static boolean isError(Object value) {
        return value == ERROR;
    }

    static Object timestamp(Instant value) {
        return value.isBefore(MIN_TIMESTAMP) || value.isAfter(MAX_TIMESTAMP) ? ERROR : value;
    }

    static Object duration(Duration value) {
        return Math.abs(value.getSeconds()) > MAX_DURATION_SECONDS ? ERROR : value;
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    /** Converts what CEL's own runtime returns for a timestamp or duration into the planned representation. */
    static Object fromCel(Object value) {
        if (value instanceof Timestamp t) {
            return instant(t);
        }
        if (value instanceof com.google.protobuf.Duration d) {
            return duration(d);
        }
        return value;
    }
}
