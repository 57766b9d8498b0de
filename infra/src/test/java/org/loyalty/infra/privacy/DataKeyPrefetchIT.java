package org.loyalty.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.infra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data keys loaded for a whole batch of fetched events ({@link DataKeyPrefetch}, {@link JdbcDataKeys#prefetch}) on the
 * application's database. Each test reads through a node of its own (a fresh key cache), and shows what that node
 * remembered by changing {@code member_data_key} behind its back afterwards: a remembered key does not see the change.
 */
@IntegrationTest
class DataKeyPrefetchIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MasterKey master;

    @Test
    void aBatchLoadsTheKeysOfTheMembersWhosePersonalDataItHoldsAndOnlyThose() {
        String enrolled = member();
        String onlyTierChanged = member();
        JdbcDataKeys writer = node();
        SubjectKey.Live written = (SubjectKey.Live) writer.forWriting(enrolled);
        writer.forWriting(onlyTierChanged);

        JdbcDataKeys reader = node();
        prefetch(reader, List.of(
                stored(MemberEnrolled.class, "{\"memberId\":\"" + enrolled + "\",\"name\":\"pd:v1:...\"}"),
                stored(TierChanged.class, "{\"memberId\":\"" + onlyTierChanged + "\",\"toTier\":\"GOLD\"}"),
                stored(MemberEnrolled.class, "not json"),
                stored(MemberEnrolled.class, "{\"name\":\"no subject\"}")));
        jdbc.update("DELETE FROM member_data_key WHERE member_id IN (?, ?)", enrolled, onlyTierChanged);

        assertThat(reader.forReading(enrolled)).isInstanceOfSatisfying(SubjectKey.Live.class,
                live -> assertThat(live.key().getEncoded()).isEqualTo(written.key().getEncoded()));
        assertThat(reader.forReading(onlyTierChanged)).as("TierChanged holds no personal data").isInstanceOf(SubjectKey.None.class);
    }

    @Test
    void erasedAndKeylessMembersAreRememberedAsSuch() {
        String erased = member();
        String keyless = member();
        JdbcDataKeys writer = node();
        writer.forWriting(erased);
        writer.destroy(erased, Instant.parse("2026-11-01T00:00:00Z"));

        JdbcDataKeys reader = node();
        reader.prefetch(List.of(erased, keyless));
        writer.forWriting(keyless);

        assertThat(reader.forReading(erased)).isInstanceOf(SubjectKey.Erased.class);
        assertThat(reader.forReading(keyless)).as("remembered as keyless: its events were committed before its key").isInstanceOf(SubjectKey.None.class);
        assertThat(reader.refresh(keyless)).isInstanceOf(SubjectKey.Live.class);
    }

    @Test
    void whatTheNodeAlreadyKnowsIsNeitherFetchedAgainNorOverwritten() {
        String erasedMeanwhile = member();
        JdbcDataKeys writer = node();
        writer.forWriting(erasedMeanwhile);

        JdbcDataKeys reader = node();
        // The node read the PersonalDataErased event before the row was overwritten: it must not take the key back.
        reader.forgetErased(erasedMeanwhile);
        reader.prefetch(List.of(erasedMeanwhile));

        assertThat(reader.forReading(erasedMeanwhile)).isInstanceOf(SubjectKey.Erased.class);
    }

    private JdbcDataKeys node() {
        return new JdbcDataKeys(jdbc, master, Duration.ofMinutes(5), 1_000);
    }

    private void prefetch(JdbcDataKeys keys, List<TrackedEventData<?>> batch) {
        JacksonSerializer jackson = JacksonSerializer.defaultSerializer();
        new DataKeyPrefetch(keys, new PersonalDataSerializer(jackson, keys)).fetched(batch);
    }

    private static String member() {
        return "prefetch-" + UUID.randomUUID();
    }

    private static TrackedEventData<?> stored(Class<?> type, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("MemberAccount", "some-member", 0,
                UUID.randomUUID().toString(), DateTimeUtils.formatInstant(Instant.now()), type.getName(), null,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(1, List.of()), entry);
    }
}
