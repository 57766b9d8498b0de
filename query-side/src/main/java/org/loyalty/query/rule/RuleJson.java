package org.loyalty.query.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.loyalty.api.rule.RuleDefinition;

/** Rule definitions as the JSON text the read model keeps them in. */
final class RuleJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RuleJson() {
    }

    static String write(RuleDefinition definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule definition is always serializable", e);
        }
    }

    static RuleDefinition read(String json) {
        try {
            return json == null ? null : JSON.readValue(json, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rule definition in the read model", e);
        }
    }
}
