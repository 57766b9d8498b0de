package org.loyalty.infra.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
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

    private final JacksonSerializer delegate;
    private final PersonalFields fields;
    private final DataKeys keys;

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

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
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
