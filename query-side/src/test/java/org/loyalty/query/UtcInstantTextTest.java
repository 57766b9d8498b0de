package org.loyalty.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantTextTest {

    /** 200,000 instants spread over the years 0000-9999, a quarter each whole, in millis, in micros and in nanos. */
    @Test
    void writesEveryInstantAsToStringDoes() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long span = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - first + 1;
        int[] precisions = {1_000_000_000, 1_000_000, 1_000, 1};
        for (long i = 0; i < 200_000; i++) {
            long seconds = first + Math.floorMod(i * 1_578_077_609L, span);
            int precision = precisions[(int) (i % 4)];
            int nanos = (int) Math.floorMod(i * 982_451_653L, 1_000_000_000L) / precision * precision;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(UtcInstantText.format(instant)).isEqualTo(instant.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.000001Z", "1970-01-01T00:00:00.010Z", "2024-02-29T12:00:00.100200Z", "2026-12-07T00:00:00.000000001Z"})
    void writesTheEdgesAsToStringDoes(String text) {
        Instant instant = Instant.parse(text);
        assertThat(UtcInstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }
}
