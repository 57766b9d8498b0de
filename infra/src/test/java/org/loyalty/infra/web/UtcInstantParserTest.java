package org.loyalty.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcInstantParserTest {

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

            assertThat(UtcInstantParser.parseOrNull(text)).as(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
        }
    }

    @Test
    void leavesEveryOtherFormToJackson() {
        for (String text : List.of("2026-03-01T09:30:00+01:00", "2026-03-01T09:30:00z", "2026-03-01 09:30:00Z", "2026-03-01T09:30Z",
                "2026-03-01T09:30:00.Z", "2026-03-01T09:30:00.1234567890Z", "+12026-03-01T09:30:00Z", "2026-02-29T09:30:00Z",
                "2026-13-01T09:30:00Z", "2026-00-01T09:30:00Z", "2026-03-00T09:30:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "2026-03-01T09:30:00", " 2026-03-01T09:30:00Z", "2026-03-01T09:30:0aZ",
                "2026-03-01T09:30:00.1a3Z", "２０２６-03-01T09:30:00Z", "", "Z")) {
            assertThat(UtcInstantParser.parseOrNull(text)).as(text).isNull();
        }
    }

    @Test
    void aDateThatDoesNotExistIsLeftToTheFormatterWhichRefusesIt() {
        assertThat(UtcInstantParser.parseOrNull("2025-02-29T00:00:00Z")).isNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> DateTimeFormatter.ISO_INSTANT.parse("2025-02-29T00:00:00Z", Instant::from)))
                .isInstanceOf(DateTimeParseException.class);
        assertThat(UtcInstantParser.parseOrNull("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }
}
