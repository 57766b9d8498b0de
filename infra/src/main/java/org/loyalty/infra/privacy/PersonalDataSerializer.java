package org.loyalty.infra.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.loyalty.api.privacy.PersonalDataErased;

/**
 * The event serializer: Axon's Jackson serializer, with the {@link org.loyalty.api.privacy.PersonalData}
 * fields of an event encrypted on the way into the event store and decrypted on the way out (see
 * {@link PersonalFields}). Everything else (types, revisions, upcasting, metadata) is the delegate's, so
 * the stored JSON keeps its shape and an event without personal data is stored exactly as before.
 *
 * <p>Reading a {@link PersonalDataErased} tells this node's key cache at once, so a node that remembers
 * an erased member's key stops using it as soon as any of its processors sees the erasure.
 */
final class PersonalDataSerializer implements Serializer {

    private static final String METADATA_TYPE = MetaData.class.getName();

    private final JacksonSerializer delegate;
    private final PersonalFields fields;
    private final DataKeys keys;
    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();

    PersonalDataSerializer(JacksonSerializer delegate, DataKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
        this.fields = new PersonalFields(keys, delegate.getObjectMapper());
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<PersonalFields.Shape> shape = PersonalFields.shapeOf(object == null ? null : object.getClass());
        if (shape.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectMapper mapper = delegate.getObjectMapper();
        ObjectNode json = mapper.valueToTree(object);
        fields.encrypt(json, shape.get());
        try {
            SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(mapper.writeValueAsBytes(json), byte[].class,
                    typeForClass(object.getClass()));
            return delegate.getConverter().convert(bytes, expectedRepresentation);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot serialize " + object.getClass().getName(), e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        T result = decrypting(serialized);
        if (result instanceof PersonalDataErased erased) {
            keys.forgetErased(erased.memberId());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private <S, T> T decrypting(SerializedObject<S> serialized) {
        if (SerializedType.emptyType().equals(serialized.getType())) {
            return delegate.deserialize(serialized);
        }
        if (METADATA_TYPE.equals(serialized.getType().getName()) && serialized.getData() instanceof byte[] json) {
            MetaData flat = flatMetaData(json);
            if (flat != null) {
                return (T) flat;
            }
        }
        Class<?> type = classForType(serialized.getType());
        Optional<PersonalFields.Shape> shape = PersonalFields.shapeOf(type);
        if (shape.isEmpty()) {
            return delegate.deserialize(serialized);
        }
        JsonNode json = delegate.getConverter().convert(serialized, JsonNode.class).getData();
        if (!(json instanceof ObjectNode object)) {
            return delegate.deserialize(serialized);
        }
        ObjectNode copy = object.deepCopy();
        fields.decrypt(copy, shape.get());
        try {
            return (T) delegate.getObjectMapper().treeToValue(copy, type);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot deserialize " + type.getName(), e);
        }
    }

    /**
     * Metadata whose values are all strings (what this platform writes: request, trace and correlation ids and
     * the caller), read with a streaming parser. Every processor reads every event's metadata (Axon copies the
     * trace id onto the result of each handler call), and Jackson's map deserializer took 8-11% of a replay's
     * CPU (bench/NOTES.md item 18). Anything else (a number, a nested value, broken JSON) answers null: then
     * the delegate reads it, so every value keeps the type it always had.
     */
    private MetaData flatMetaData(byte[] json) {
        try (JsonParser parser = jsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> values = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    return null;
                }
                values.put(key, parser.getText());
            }
            return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null ? MetaData.from(values) : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    /**
     * The delegate's answer, remembered per type name and revision: Jackson's serializer loads the class by
     * name on every call, and every event read asks (3% of a replay's CPU, bench/NOTES.md item 18).
     */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(new SimpleSerializedType(type.getName(), type.getRevision()), delegate::classForType);
    }

    /** For reading a field of a stored payload without deserializing it ({@link DataKeyPrefetch}). */
    JsonFactory jsonFactory() {
        return delegate.getObjectMapper().getFactory();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
