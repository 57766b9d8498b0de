package org.loyalty.infra.web;

import java.time.Instant;
import org.loyalty.infra.axon.StoredTimestamps;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * A timestamp in a request is text such as {@code 2026-03-01T09:30:00Z}. Jackson would also take a
 * number as seconds since 1970 (and ignores the coercion settings for it): {@code "occurredAt": 12345}
 * would then be a purchase in January 1970 rather than the mistake it is. The usual form is read by
 * {@link StoredTimestamps#parseUtc} (as the events' instants are), the rest by Jackson.
 */
final class TextualInstantDeserializer extends ValueDeserializer<Instant> {

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
        Instant read = StoredTimestamps.parseUtc(p.getString());
        return read != null ? read : InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
