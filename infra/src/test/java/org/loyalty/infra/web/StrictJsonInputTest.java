package org.loyalty.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/** The rules request bodies are read by ({@link JsonInputConfiguration}) and the violations they turn into. */
class StrictJsonInputTest {

    record Item(String sku, Integer quantity, BigDecimal unitPrice, Boolean gift, Instant at, List<String> tags) {
    }

    static final JsonMapper STRICT = JsonInputConfiguration.strict(JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonInputConfiguration.MAX_NESTING_DEPTH)
                    .maxNumberLength(JsonInputConfiguration.MAX_NUMBER_LENGTH)
                    .build())
            .build()).build());

    static Item read(String json) {
        return STRICT.readValue(json, Item.class);
    }

    /** The violation the advice reports for this body. */
    static Violation violation(String json) {
        try {
            read(json);
        } catch (JacksonException e) {
            return ProblemDetailsAdvice.violationOf(new ServerWebInputException("unreadable", (MethodParameter) null,
                    new DecodingException("JSON decoding error", e)));
        }
        throw new AssertionError("read: " + json);
    }

    @Test
    void aValidBodyWithUnicodeTextIsRead() {
        Item item = read("""
                {"sku":"\u2615 \uD83C\uDF89 \u0410nn","quantity":2,"unitPrice":4.75,"gift":true,"at":"2026-03-01T09:30:00Z","tags":["\u202Ertl"]}""");

        assertThat(item.sku()).isEqualTo("\u2615 \uD83C\uDF89 \u0410nn");
        assertThat(item.at()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
    }

    @Test
    void anUnknownFieldIsNamedAndRefused() {
        assertThat(violation("{\"sku\":\"a\",\"skew\":1}")).isEqualTo(new Violation("skew", "is not a field of this request"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThat(violation("{\"quantity\":1,\"quantity\":1000}")).isEqualTo(new Violation("quantity", "is given more than once"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sku\":12345}", "{\"sku\":true}", "{\"sku\":1.5}"})
    void aScalarIsNotTurnedIntoText(String json) {
        assertThat(violation(json)).isEqualTo(new Violation("sku", "must be a string"));
    }

    @Test
    void textIsNotTurnedIntoANumberOrABoolean() {
        assertThat(violation("{\"quantity\":\"12\"}")).isEqualTo(new Violation("quantity", "must be a whole number"));
        assertThat(violation("{\"unitPrice\":\"1.5\"}")).isEqualTo(new Violation("unitPrice", "must be a number"));
        assertThat(violation("{\"gift\":\"true\"}")).isEqualTo(new Violation("gift", "must be true or false"));
        assertThat(violation("{\"gift\":1}")).isEqualTo(new Violation("gift", "must be true or false"));
    }

    @Test
    void aTimestampIsTextNotSecondsSince1970() {
        assertThat(violation("{\"at\":12345}")).isEqualTo(new Violation("at", "must be a timestamp such as 2026-03-01T09:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sku\":\"ann\\u0000lee\"}", "{\"sku\":\"\\ud800\"}", "{\"sku\":\"x\\udc00y\"}", "{\"sku\":\"\\ude00\\ud83d\"}"})
    void aNulCharacterOrAnUnpairedSurrogateIsRefused(String json) {
        assertThat(violation(json)).isEqualTo(new Violation("sku", SafeTextDeserializer.MESSAGE));
    }

    @Test
    void textInsideAListIsCheckedToo() {
        assertThat(violation("{\"tags\":[\"ok\",\"\\u0000\"]}")).isEqualTo(new Violation("tags[1]", SafeTextDeserializer.MESSAGE));
    }

    @Test
    void aNumberTooLargeForItsFieldNamesTheField() {
        assertThat(violation("{\"quantity\":9223372036854775808}")).isEqualTo(new Violation("quantity", "must be a whole number within range"));
    }

    @Test
    void nestingAndNumberLengthAreLimited() {
        // Typed fields refuse a nested array at its first level; a tree is read to the limit and no further.
        assertThat(violation("{\"tags\":" + "[".repeat(100) + "]".repeat(100) + "}")).isEqualTo(new Violation("tags[0]", "must be a string"));
        assertThatThrownBy(() -> STRICT.readTree("[".repeat(10_000) + "]".repeat(10_000)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Document nesting depth (65) exceeds the maximum allowed (64");
        assertThat(violation("{\"unitPrice\":" + "9".repeat(400) + "}"))
                .satisfies(v -> assertThat(v.field()).isEqualTo("body"))
                .satisfies(v -> assertThat(v.message()).startsWith("exceeds a limit: Number value length (400) exceeds the maximum allowed (100"));
    }

    @Test
    void aNullStringIsStillNull() {
        assertThat(read("{\"sku\":null}").sku()).isNull();
        assertThatThrownBy(() -> read("{\"sku\":{}}")).isInstanceOf(JacksonException.class);
    }
}
