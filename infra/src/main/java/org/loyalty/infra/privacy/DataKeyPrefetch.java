package org.loyalty.infra.privacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.serialization.SerializedObject;
import org.loyalty.infra.axon.FetchedEventsListener;

/**
 * Loads the data keys of the members whose personal data a fetched batch of events holds, in one query
 * ({@link JdbcDataKeys#prefetch}). Without it, the first event of each member that a processor
 * deserializes looks the key up on its own: in a replay, one query for every member, and 13% of the
 * application's CPU besides the database's share (bench/NOTES.md item 18).
 *
 * <p>The member is read from the event's subject field in the stored JSON, without deserializing the
 * event. A payload it cannot read is skipped: that event's key is then looked up as before.
 */
final class DataKeyPrefetch implements FetchedEventsListener {

    private final JdbcDataKeys keys;
    private final PersonalDataSerializer serializer;

    DataKeyPrefetch(JdbcDataKeys keys, PersonalDataSerializer serializer) {
        this.keys = keys;
        this.serializer = serializer;
    }

    @Override
    public void fetched(List<? extends TrackedEventData<?>> batch) {
        Set<String> members = new LinkedHashSet<>();
        for (TrackedEventData<?> event : batch) {
            SerializedObject<?> payload = event.getPayload();
            Optional<PersonalFields.Shape> shape = PersonalFields.shapeOf(serializer.classForType(payload.getType()));
            if (shape.isPresent() && payload.getData() instanceof byte[] bytes) {
                String member = topLevelText(bytes, shape.get().subject());
                if (member != null) {
                    members.add(member);
                }
            }
        }
        if (!members.isEmpty()) {
            keys.prefetch(members);
        }
    }

    /** The text of the top-level field {@code name}, or null (absent, not text, or not JSON at all). */
    private String topLevelText(byte[] payload, String name) {
        try (JsonParser parser = serializer.jsonFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }
}
