package org.loyalty.infra.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the instants of events, commands and tokens: the UTC text Jackson writes ({@code 2026-12-07T00:55:21.123456Z})
 * digit by digit ({@link StoredTimestamps#parseUtc}), everything else (numbers, offsets, blanks, a property with its
 * own {@code @JsonFormat}) by the JavaTimeModule's {@link InstantDeserializer}, which would otherwise parse every
 * instant with a {@code DateTimeFormatter}: 14% of a replay's processor threads, and every processor pays it for every
 * event it reads (bench/NOTES.md item 39).
 */
final class InstantTextDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    InstantTextDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = StoredTimestamps.parseUtc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** A property annotated with its own format is read by the module's deserializer for that format alone. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) throws JsonMappingException {
        JsonDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(context, property);
        return contextual == InstantDeserializer.INSTANT ? this : contextual;
    }
}
