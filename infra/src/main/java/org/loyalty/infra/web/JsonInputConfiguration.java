package org.loyalty.infra.web;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read. Every client is held to the documented shapes, so that what a request
 * says is what gets stored, and a hostile body costs little to refuse:
 * <ul>
 *   <li>limits on the text itself (all JSON the application reads): at most {@value #MAX_NESTING_DEPTH}
 *       levels of nesting, numbers of at most {@value #MAX_NUMBER_LENGTH} characters, strings of at most
 *       {@value #MAX_STRING_LENGTH} characters;</li>
 *   <li>for request bodies: unknown properties are refused (a misspelt optional field would otherwise be
 *       silently dropped), a key given twice is refused (which one counts would be a guess), and no scalar
 *       is converted into another type ({@code 12} is not a name, {@code "12"} not a quantity, {@code 1}
 *       not {@code true});</li>
 *   <li>a timestamp is text, never a number of seconds ({@link TextualInstantDeserializer});</li>
 *   <li>text with a NUL character or an unpaired surrogate is refused ({@link SafeTextDeserializer}):
 *       PostgreSQL cannot store it, and an accepted command would poison the projections of its events.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputConfiguration {

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1_000_000;

    @Bean
    JsonFactoryBuilderCustomizer jsonReadLimits() {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
    }

    /** Runs after Spring Boot's own codec customizer, replacing its JSON decoder by the strict one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictJsonRequestBodies(JsonMapper mapper) {
        JsonMapper strict = strict(mapper);
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
    }

    /** The application's mapper, held to the stricter rules for request bodies. */
    public static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, bool -> bool
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, number -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, number -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .addModule(new SimpleModule("safe-text")
                        .addDeserializer(String.class, new SafeTextDeserializer())
                        .addDeserializer(java.time.Instant.class, new TextualInstantDeserializer()))
                .build();
    }
}
