package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Axon object mapper reads every instant as the JavaTimeModule alone would, faster where it can. */
class InstantTextDeserializerTest {

    private final ObjectMapper axon = new AxonConfiguration().defaultAxonObjectMapper();
    private final ObjectMapper moduleAlone = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {
    }

    @Test
    void isTheDeserializerTheMapperUsesForInstants() throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) axon.getDeserializationContext())
                .createDummyInstance(axon.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(axon.constructType(Instant.class))).isInstanceOf(InstantTextDeserializer.class);
    }

    /** Any year a plain ISO text holds (0000-9999), with no fraction or 3, 6 or 9 digits of it, as Jackson writes them. */
    @Test
    void readsWhatTheMapperWroteAsTheModuleReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] steps = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 100_000; i++) {
            int step = steps[i % steps.length];
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000) / step * step);
            String json = axon.writeValueAsString(new Stamped(instant));
            assertThat(axon.readValue(json, Stamped.class)).as(json).isEqualTo(moduleAlone.readValue(json, Stamped.class))
                    .isEqualTo(new Stamped(instant));
        }
    }

    /** Numbers, offsets, blanks and nulls are the module's to read: same answers. */
    @ParameterizedTest
    @ValueSource(strings = {"1700000000", "1700000000.123456789", "\"2026-03-01T09:00:00.5+02:00\"", "\"  2026-03-01T09:00:00Z \"",
            "\"2026-03-01T24:00:00Z\"", "\"1700000000\"", "\"2026-03-01T09:00:00.Z\"", "null", "\"\""})
    void leavesOtherFormsToTheModule(String value) throws Exception {
        String json = "{\"at\":" + value + "}";
        assertThat(axon.readValue(json, Stamped.class)).isEqualTo(moduleAlone.readValue(json, Stamped.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-02-30T09:00:00Z\"", "\"yesterday\"", "true"})
    void refusesWhatTheModuleRefuses(String value) {
        String json = "{\"at\":" + value + "}";
        assertThatThrownBy(() -> moduleAlone.readValue(json, Stamped.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> axon.readValue(json, Stamped.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void leavesAPropertyWithItsOwnFormatToThatFormat() throws Exception {
        String json = "{\"at\":\"2026-03-01 09:30\"}";
        assertThat(axon.readValue(json, Formatted.class)).isEqualTo(moduleAlone.readValue(json, Formatted.class))
                .isEqualTo(new Formatted(Instant.parse("2026-03-01T09:30:00Z")));
    }
}
