package org.loyalty.infra.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads text as Jackson does and refuses a NUL character or an unpaired UTF-16 surrogate ({@code "\ud800"}
 * is legal JSON, but no character): PostgreSQL stores neither, so accepting one would fail the command's
 * projections later, far from the request that caused it.
 */
final class SafeTextDeserializer extends StringDeserializer {

    static final String MESSAGE = "must be text without NUL characters or unpaired surrogates";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        String text = super.deserialize(p, ctxt);
        if (text != null && !safe(text)) {
            throw InvalidFormatException.from(p, MESSAGE, text, String.class);
        }
        return text;
    }

    static boolean safe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
