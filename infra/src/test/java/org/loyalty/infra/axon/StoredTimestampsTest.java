package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTimestampsTest {

    @Test
    void readsEveryTimeAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(8);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(from, to));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored)).isEqualTo(instant);
        }
    }

    /** The instants in the events' JSON, any precision; InstantTextDeserializerTest reads random ones through the mapper. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T09:00:00.1Z", "2026-03-01T09:00:00.12Z", "2026-03-01T09:00:00.1234Z",
            "2026-03-01T09:00:00.12345678Z", "2026-03-01T09:00:00.000000000Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void readsAnyNumberOfFractionDigits(String text) {
        assertThat(StoredTimestamps.parseUtc(text)).isEqualTo(Instant.parse(text));
    }

    /** The request bodies' timestamps: what the ISO formatter (Jackson's for an {@code Instant}) reads, for every fraction length. */
    @Test
    void readsWhatTheIsoFormatterReadsForInstantsOfEveryFractionLength() {
        Random random = new Random(20261207);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int run = 0; run < 50_000; run++) {
            Instant instant = Instant.ofEpochSecond(first + Math.floorMod(random.nextLong(), last - first + 1), random.nextInt(1_000_000_000));
            String whole = instant.toString().substring(0, 19);
            String nanos = String.format("%09d", instant.getNano());
            int fractionDigits = random.nextInt(10);
            String text = whole + (fractionDigits == 0 ? "" : "." + nanos.substring(0, fractionDigits)) + "Z";

            assertThat(StoredTimestamps.parseUtc(text)).as(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
        }
    }

    @Test
    void aDateThatDoesNotExistIsLeftToTheFormatterWhichRefusesIt() {
        assertThat(StoredTimestamps.parseUtc("2025-02-29T00:00:00Z")).isNull();
        assertThatThrownBy(() -> DateTimeFormatter.ISO_INSTANT.parse("2025-02-29T00:00:00Z", Instant::from))
                .isInstanceOf(DateTimeParseException.class);
        assertThat(StoredTimestamps.parseUtc("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    /** Null means "not read here": a formatter then reads it or refuses it. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T09:00:00.Z", "2026-03-01T09:00:00.1234567890Z", "2026-03-01T09:00:00+01:00",
            "2026-03-01T24:00:00Z", "2026-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "2026-03-01T09:00Z", " 2026-03-01T09:00:00Z",
            "2026-02-29T09:00:00Z", "2026-03-01T09:00:0aZ", "", "2026-03-01T09:30:00z", "2026-03-01 09:30:00Z",
            "2026-13-01T09:30:00Z", "2026-00-01T09:30:00Z", "2026-03-00T09:30:00Z", "2026-03-01T23:60:00Z", "2026-03-01T09:30:00",
            "2026-03-01T09:30:00.1a3Z", "\uff12\uff10\uff12\uff16-03-01T09:30:00Z", "Z", "2025-02-29T00:00:00Z"})
    void leavesEveryOtherShapeToAFormatter(String text) {
        assertThat(StoredTimestamps.parseUtc(text)).isNull();
    }

    @Test
    void readsTheEdgesOfTheCalendar() {
        for (String stored : new String[] {"2024-02-29T23:59:59.999Z", "2026-12-31T00:00:00.000Z", "1970-01-01T00:00:00.000Z",
                "0001-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z"}) {
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    /** Other shapes (written by another tool, or by hand) are Axon's to read: same answers, same refusals. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T09:00:00.123+02:00", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00.123456789Z",
            "2026-03-01t09:00:00.123z", "+12026-03-01T09:00:00.123Z"})
    void leavesOtherShapesToAxon(String stored) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T09:00:00.000Z", "2026-13-01T09:00:00.000Z", "2026-03-01T24:00:00.000Z",
            "2026-03-01T09:60:00.000Z", "2026-03-01T09:00:00.0x0Z", "2026-03-01 09:00:00.000Z"})
    void refusesWhatAxonRefuses(String stored) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeException.class);
    }
}
