package org.loyalty.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.tier.TierChanged;

class PersonalDataSerializerTest {

    /** Keys in memory; {@code shared} gives every member the same key, to show that the member id alone (the AAD) tells them apart. */
    static final class MemoryKeys implements DataKeys {
        final Map<String, SecretKey> keys = new HashMap<>();
        final Set<String> erased = new HashSet<>();
        SecretKey shared;
        int reads;

        @Override
        public SubjectKey forWriting(String memberId) {
            if (erased.contains(memberId)) {
                return new SubjectKey.Erased();
            }
            return new SubjectKey.Live(shared != null ? shared : keys.computeIfAbsent(memberId, id -> FieldCipher.newKey()));
        }

        @Override
        public SubjectKey forReading(String memberId) {
            reads++;
            if (erased.contains(memberId)) {
                return new SubjectKey.Erased();
            }
            SecretKey key = shared != null ? shared : keys.get(memberId);
            return key == null ? new SubjectKey.None() : new SubjectKey.Live(key);
        }

        @Override
        public SubjectKey refresh(String memberId) {
            return forReading(memberId);
        }

        @Override
        public void forgetErased(String memberId) {
            erased.add(memberId);
            keys.remove(memberId);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    final MemoryKeys keys = new MemoryKeys();
    final JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(MAPPER).build();
    final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, keys);

    static MemberEnrolled ann(String memberId) {
        return new MemberEnrolled(memberId, "Ann Lee", "ann.lee@example.com", "+1 415 555 0100", LocalDate.of(1990, 2, 28), true,
                Instant.parse("2026-03-01T09:00:00Z"), "GREEN", null);
    }

    @Test
    void personalFieldsAreStoredEncryptedAndReadBackAsTheyWere() {
        MemberEnrolled event = ann("m-1");

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("Ann Lee", "ann.lee@example.com", "555 0100", "1990-02-28");
        ObjectNode tree = tree(stored);
        for (String field : new String[] {"name", "email", "phone", "birthday"}) {
            assertThat(tree.get(field).textValue()).startsWith("pd:v1:");
        }
        assertThat(tree.get("memberId").textValue()).isEqualTo("m-1");
        assertThat(tree.get("tier").textValue()).isEqualTo("GREEN");
        assertThat(stored.getType().getName()).isEqualTo(MemberEnrolled.class.getName());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        String first = tree(serializer.serialize(ann("m-1"), byte[].class)).get("email").textValue();
        String second = tree(serializer.serialize(ann("m-1"), byte[].class)).get("email").textValue();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aTamperedValueFailsInsteadOfReadingAsSomethingElse() {
        ObjectNode tree = tree(serializer.serialize(ann("m-1"), byte[].class));
        byte[] sealed = java.util.Base64.getDecoder().decode(tree.get("email").textValue().substring(FieldCipher.PREFIX.length()));
        sealed[sealed.length / 2] ^= 1;
        tree.put("email", FieldCipher.PREFIX + java.util.Base64.getEncoder().encodeToString(sealed));

        assertThatThrownBy(() -> serializer.deserialize(stored(tree, MemberEnrolled.class)))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("email").hasMessageContaining("m-1");
    }

    @Test
    void aThreadsCipherReadsTheNextValueRightAfterAFailureAndUnderAnotherKey() {
        // The thread's cipher object is reused (FieldCipher): a failed value must leave nothing behind for the next.
        SecretKey first = FieldCipher.newKey();
        SecretKey second = FieldCipher.newKey();
        String sealed = FieldCipher.encrypt(first, "m-1", "email", "ann@example.com");
        byte[] tampered = java.util.Base64.getDecoder().decode(sealed.substring(FieldCipher.PREFIX.length()));
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> FieldCipher.decrypt(first, "m-1", "email",
                FieldCipher.PREFIX + java.util.Base64.getEncoder().encodeToString(tampered)))
                .isInstanceOf(PersonalDataIntegrityException.class);
        assertThat(FieldCipher.decrypt(first, "m-1", "email", sealed)).isEqualTo("ann@example.com");
        assertThatThrownBy(() -> FieldCipher.decrypt(second, "m-1", "email", sealed)).isInstanceOf(PersonalDataIntegrityException.class);
        assertThat(FieldCipher.decrypt(second, "m-2", "name", FieldCipher.encrypt(second, "m-2", "name", "Bob"))).isEqualTo("Bob");
        assertThat(FieldCipher.decrypt(first, "m-1", "email", sealed)).isEqualTo("ann@example.com");
    }

    @Test
    void aValueMovedToAnotherMemberOrFieldFailsEvenUnderTheSameKey() {
        keys.shared = FieldCipher.newKey();
        ObjectNode ann = tree(serializer.serialize(ann("m-1"), byte[].class));
        ObjectNode bob = tree(serializer.serialize(ann("m-2"), byte[].class));

        bob.put("email", ann.get("email").textValue());
        assertThatThrownBy(() -> serializer.deserialize(stored(bob, MemberEnrolled.class)))
                .isInstanceOf(PersonalDataIntegrityException.class).hasMessageContaining("m-2");

        ann.put("name", ann.get("email").textValue());
        assertThatThrownBy(() -> serializer.deserialize(stored(ann, MemberEnrolled.class)))
                .isInstanceOf(PersonalDataIntegrityException.class).hasMessageContaining("name");
    }

    @Test
    void plaintextStoredBeforeEncryptionExistedReadsAsItIs() {
        SerializedObject<byte[]> legacy = jackson.serialize(ann("m-1"), byte[].class);
        assertThat(new String(legacy.getData(), StandardCharsets.UTF_8)).contains("ann.lee@example.com");

        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(ann("m-1"));
    }

    @Test
    void afterErasureEveryPersonalFieldReadsAsNullAndTheRestStays() {
        SerializedObject<byte[]> encrypted = serializer.serialize(ann("m-1"), byte[].class);
        SerializedObject<byte[]> legacy = jackson.serialize(ann("m-1"), byte[].class);
        SerializedObject<byte[]> complaint = serializer.serialize(new ComplaintRaised("m-1", "C-1", InteractionChannel.PHONE,
                Instant.parse("2026-03-01T10:00:00Z"), "service", "The barista was rude to me", Instant.parse("2026-03-01T10:00:01Z")),
                byte[].class);

        keys.forgetErased("m-1");

        MemberEnrolled erased = serializer.deserialize(encrypted);
        assertThat(erased.name()).isNull();
        assertThat(erased.email()).isNull();
        assertThat(erased.phone()).isNull();
        assertThat(erased.birthday()).isNull();
        assertThat(erased.memberId()).isEqualTo("m-1");
        assertThat(erased.tier()).isEqualTo("GREEN");
        assertThat(erased.enrolledAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(((MemberEnrolled) serializer.deserialize(legacy)).email()).isNull();
        ComplaintRaised readComplaint = serializer.deserialize(complaint);
        assertThat(readComplaint.description()).isNull();
        assertThat(readComplaint.category()).isEqualTo("service");
    }

    @Test
    void nothingPersonalIsWrittenForAnErasedMember() {
        keys.forgetErased("m-1");

        ObjectNode tree = tree(serializer.serialize(ann("m-1"), byte[].class));

        assertThat(tree.get("name").isNull()).isTrue();
        assertThat(tree.get("email").isNull()).isTrue();
    }

    @Test
    void anEncryptedValueWhoseKeyIsMissingReadsAsNull() {
        SerializedObject<byte[]> stored = serializer.serialize(ann("m-1"), byte[].class);
        keys.keys.clear();

        assertThat(((MemberEnrolled) serializer.deserialize(stored)).name()).isNull();
    }

    @Test
    void eventsWithoutPersonalDataAreStoredExactlyAsBeforeAndNeedNoKey() {
        TierChanged event = new TierChanged("m-1", "GREEN", "GOLD", null, 500, Instant.parse("2027-03-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"));

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(stored.getData()).isEqualTo(jackson.serialize(event, byte[].class).getData());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
        assertThat(keys.reads).isZero();
    }

    @Test
    void readingAnErasureMakesThisNodeForgetTheKey() {
        SerializedObject<byte[]> stored = serializer.serialize(ann("m-1"), byte[].class);
        SerializedObject<byte[]> erasure = serializer.serialize(new PersonalDataErased("m-1", Instant.parse("2026-03-02T00:00:00Z")),
                byte[].class);

        serializer.deserialize(erasure);

        assertThat(((MemberEnrolled) serializer.deserialize(stored)).email()).isNull();
    }

    /** The stored metadata reads as Jackson's serializer reads it, whether the fast path takes it or leaves it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"traceId\":\"t-1\",\"correlationId\":\"c-1\",\"caller\":\"pos-STORE-1\",\"requestId\":\"r \\\"quoted\\\" \\u00e9\"}",
            "{}", "{\"attempt\":3,\"requestId\":\"r-1\"}", "{\"requestId\":null}", "{\"nested\":{\"a\":\"b\"}}",
            "{\"flags\":[\"a\"]}", "{\"ok\":true}"})
    void readsMetaDataAsJacksonDoes(String json) {
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                MetaData.class.getName(), null);

        Object read = serializer.deserialize(stored);

        assertThat(read).isInstanceOf(MetaData.class).isEqualTo(jackson.deserialize(stored));
    }

    @Test
    void metaDataValuesKeepTheirTypes() {
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>("{\"attempt\":3,\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8),
                byte[].class, MetaData.class.getName(), null);

        Map<?, ?> read = serializer.deserialize(stored);

        assertThat(read.get("attempt")).isEqualTo(3);
        assertThat(read.get("requestId")).isEqualTo("r-1");
    }

    private static ObjectNode tree(SerializedObject<byte[]> stored) {
        try {
            return (ObjectNode) MAPPER.readTree(stored.getData());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private SerializedObject<byte[]> stored(ObjectNode tree, Class<?> type) {
        try {
            return new SimpleSerializedObject<>(MAPPER.writeValueAsBytes(tree), byte[].class, serializer.typeForClass(type));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
