package org.loyalty.infra.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyalty.api.privacy.DataSubject;
import org.loyalty.api.privacy.PersonalData;

/**
 * Encrypts and decrypts the {@link PersonalData} fields of an event's JSON with the key of the member
 * its {@link DataSubject} names. A field's plaintext is its JSON (a string, a date, ...), so that any
 * type round-trips. Values stored before encryption existed are plain JSON, not {@code pd:v1:} strings,
 * and read as they are, unless the member was erased since: then they read as null too.
 */
final class PersonalFields {

    /** The member id's field and the personal fields of an event type. */
    record Shape(String subject, List<String> fields) {
    }

    private static final ClassValue<Optional<Shape>> SHAPES = new ClassValue<>() {
        @Override
        protected Optional<Shape> computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private final DataKeys keys;
    private final ObjectMapper json;

    PersonalFields(DataKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The personal fields of {@code type}, or empty when it has none. */
    static Optional<Shape> shapeOf(Class<?> type) {
        return type == null ? Optional.empty() : SHAPES.get(type);
    }

    /** Replaces each personal field by its ciphertext; by null when the member was erased (nothing new is kept of them). */
    void encrypt(ObjectNode event, Shape shape) {
        List<String> present = shape.fields().stream().filter(f -> hasValue(event, f)).toList();
        if (present.isEmpty()) {
            return;
        }
        String memberId = subject(event, shape);
        SubjectKey key = keys.forWriting(memberId);
        for (String field : present) {
            if (key instanceof SubjectKey.Live live) {
                event.put(field, FieldCipher.encrypt(live.key(), memberId, field, event.get(field).toString()));
            } else {
                event.putNull(field);
            }
        }
    }

    /** Replaces each personal field by its plaintext; by null when the member's key was destroyed. */
    void decrypt(ObjectNode event, Shape shape) {
        List<String> present = shape.fields().stream().filter(f -> hasValue(event, f)).toList();
        if (present.isEmpty()) {
            return;
        }
        String memberId = subject(event, shape);
        SubjectKey key = keys.forReading(memberId);
        for (String field : present) {
            JsonNode value = event.get(field);
            boolean encrypted = value.isTextual() && FieldCipher.isEncrypted(value.textValue());
            if (encrypted && key instanceof SubjectKey.None) {
                // Written by another node a moment ago, before this node's cache knew the key.
                key = keys.refresh(memberId);
            }
            if (key instanceof SubjectKey.Erased || (encrypted && key instanceof SubjectKey.None)) {
                event.putNull(field);
            } else if (encrypted && key instanceof SubjectKey.Live live) {
                event.set(field, parse(FieldCipher.decrypt(live.key(), memberId, field, value.textValue())));
            }
        }
    }

    private JsonNode parse(String plaintext) {
        try {
            return json.readTree(plaintext);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decrypted personal field is not JSON", e);
        }
    }

    private static boolean hasValue(ObjectNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && !value.isNull();
    }

    private static String subject(ObjectNode event, Shape shape) {
        JsonNode id = event.get(shape.subject());
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw new IllegalStateException("an event with personal data names no data subject in '" + shape.subject() + "'");
        }
        return id.textValue();
    }

    private static Optional<Shape> inspect(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                fields.add(component.getName());
            }
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " has @PersonalData but no @DataSubject naming whose it is");
        }
        return Optional.of(new Shape(subject, List.copyOf(fields)));
    }
}
