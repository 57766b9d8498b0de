package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The processors' reads through {@link TrackedReadsStorageEngine}, on the application's database: an index taken by
 * a transaction that has not committed yet is kept as a gap and its event delivered once it commits, and every
 * event's time reads as it was stored; a second reader of the same stored events takes the first one's full batches.
 * Its appends (one statement for a commit's events) store what Axon's did, in order, and refuse a clash with a stored event whole. The events are of a type no handler knows, so no read model
 * takes them up.
 */
@IntegrationTest
class TrackedReadsStorageEngineIT {

    @Autowired
    EventStorageEngine storage;
    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;

    @Test
    void anEventCommittedLateBehindALaterOneIsStillRead() throws Exception {
        TrackingToken head = storage.createHeadToken();
        String stream = "gap-probe-" + UUID.randomUUID();
        Instant lateAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long lateIndex = insert(late, stream, 0, lateAt);
            long earlyIndex;
            try (Connection early = dataSource.getConnection()) {
                earlyIndex = insert(early, stream + "-other", 0, lateAt.plusMillis(5));
            }
            assertThat(earlyIndex).isGreaterThan(lateIndex);

            List<? extends TrackedEventMessage<?>> first = read(head);
            assertThat(first).extracting(e -> e.getIdentifier()).containsExactly(stream + "-other/0");
            GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) first.get(0).trackingToken();
            assertThat(afterFirst.getIndex()).isEqualTo(earlyIndex);
            assertThat(afterFirst.getGaps()).contains(lateIndex);
            assertThat(first.get(0).getTimestamp()).isEqualTo(lateAt.plusMillis(5));

            late.commit();
            List<? extends TrackedEventMessage<?>> second = read(afterFirst);
            assertThat(second).extracting(e -> e.getIdentifier()).containsExactly(stream + "/0");
            assertThat(second.get(0).getTimestamp()).isEqualTo(lateAt);
            assertThat(((GapAwareTrackingToken) second.get(0).trackingToken()).getGaps()).doesNotContain(lateIndex);
        }
    }

    @Test
    void aGapBehindAnEventOlderThanTheGapTimeoutIsNotWaitedFor() throws Exception {
        TrackingToken head = storage.createHeadToken();
        String stream = "old-gap-probe-" + UUID.randomUUID();
        Instant longAgo = Instant.now().minusSeconds(3_600).truncatedTo(ChronoUnit.MILLIS);
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long lateIndex = insert(late, stream, 0, longAgo);
            try (Connection early = dataSource.getConnection()) {
                insert(early, stream + "-other", 0, longAgo);
            }
            List<? extends TrackedEventMessage<?>> read = read(head);
            assertThat(read).hasSize(1);
            assertThat(((GapAwareTrackingToken) read.get(0).trackingToken()).getGaps()).doesNotContain(lateIndex);
            late.rollback();
        }
    }

    /** A payload no handler knows. */
    record AppendProbe(String text, long number) {
    }

    @Test
    void aCommitsEventsAreStoredInOrderWithTheirTypeTimeAndMetaData() {
        TrackingToken head = storage.createHeadToken();
        String stream = "append-probe-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DomainEventMessage<?>> events = List.of(probe(stream, 0, "first", at), probe(stream, 1, "second", at.plusMillis(1)),
                probe(stream + "-other", 0, "third", at.plusMillis(2)), probe(stream, 2, "fourth", at.plusMillis(3)));

        storage.appendEvents(events);

        List<? extends DomainEventMessage<?>> stored = storage.readEvents(stream).asStream().toList();
        assertThat(stored).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(stored.stream().map(e -> (Object) e.getPayload())).containsExactly(new AppendProbe("first", 0),
                new AppendProbe("second", 1), new AppendProbe("fourth", 2));
        assertThat(stored).extracting(DomainEventMessage::getType).containsOnly("AppendProbe");
        assertThat(stored).extracting(DomainEventMessage::getTimestamp).containsExactly(at, at.plusMillis(1), at.plusMillis(3));
        assertThat(stored.get(1).getMetaData()).containsEntry("probe", "second");
        try (Stream<? extends TrackedEventMessage<?>> tracked = storage.readEvents(head, false)) {
            assertThat(tracked.filter(e -> e.getIdentifier().startsWith(stream)).map(TrackedEventMessage::getIdentifier))
                    .containsExactly(stream + "/0", stream + "/1", stream + "-other/0", stream + "/2");
        }
    }

    @Test
    void aSecondReaderOfTheSameEventsTakesTheFirstOnesFullBatchesInsteadOfReadingThemAgain() {
        String stream = "shared-probe-" + UUID.randomUUID();
        // Events of an hour ago, as a replay reads them; fresh ones are read at the head, each reader on its own.
        Instant at = Instant.now().minusSeconds(3_600).truncatedTo(ChronoUnit.MILLIS);
        List<DomainEventMessage<?>> events = LongStream.range(0, 260)
                .<DomainEventMessage<?>>mapToObj(i -> probe(stream, i, "event " + i, at.plusMillis(i))).toList();
        storage.appendEvents(events);
        long first = indexOf(stream + "/0");
        // After the stream's tenth event: a token no other reader of this node's store (its processors) stops at.
        TrackingToken from = GapAwareTrackingToken.newInstance(first + 9, Collections.emptySortedSet());
        double sharedBefore = sharedBatches();

        List<String> firstReader = readAll(from, stream);
        double sharedAfterFirst = sharedBatches();
        List<String> secondReader = readAll(from, stream);

        assertThat(firstReader).hasSize(250).isEqualTo(secondReader);
        assertThat(firstReader.get(0)).isEqualTo(stream + "/10");
        assertThat(sharedAfterFirst).isEqualTo(sharedBefore);
        assertThat(sharedBatches() - sharedBefore).as("the two full batches of 100; the last, short, read again").isEqualTo(2);
        assertThat(readAll(from, stream)).as("each batch handed out once: a third reader reads the store").isEqualTo(firstReader);
        assertThat(sharedBatches() - sharedBefore).isEqualTo(2);
    }

    @Test
    void anAppendThatClashesWithAStoredEventStoresNoneOfItsEvents() {
        String stream = "clash-probe-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        storage.appendEvents(List.of(probe(stream, 0, "stored", at)));

        assertThatThrownBy(() -> storage.appendEvents(List.of(probe(stream + "-other", 0, "innocent", at), probe(stream, 0, "clash", at))))
                // Axon names the commit's first event (here a new stream's, hence "creation") whichever event clashed.
                .isInstanceOfAny(ConcurrencyException.class, AggregateStreamCreationException.class)
                .hasMessageContaining("duplicate key");

        assertThat(storage.readEvents(stream).asStream().map(e -> (Object) e.getPayload())).containsExactly(new AppendProbe("stored", 0));
        assertThat(storage.readEvents(stream + "-other").asStream()).isEmpty();
    }

    private static DomainEventMessage<?> probe(String stream, long sequence, String text, Instant at) {
        return new GenericDomainEventMessage<>("AppendProbe", stream, sequence,
                new GenericMessage<>(stream + "/" + sequence, new AppendProbe(text, sequence),
                        MetaData.with("probe", text)), () -> at);
    }

    private List<String> readAll(TrackingToken from, String stream) {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(from, false)) {
            return events.map(TrackedEventMessage::getIdentifier).filter(id -> id.startsWith(stream)).toList();
        }
    }

    private double sharedBatches() {
        return meters.get("loyalty.event-store.shared-batches").functionCounter().count();
    }

    private long indexOf(String eventIdentifier) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?")) {
            query.setString(1, eventIdentifier);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<? extends TrackedEventMessage<?>> read(TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(from, false)) {
            return events.filter(e -> e.getIdentifier().contains("gap-probe-")).toList();
        }
    }

    /** Stores one event as Axon's appender does and answers its global index. */
    private static long insert(Connection connection, String aggregate, long sequence, Instant at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                                              payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, 'GapProbe', ?, convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'), NULL, 'org.loyalty.test.GapProbe', ?)
                RETURNING globalindex""")) {
            insert.setString(1, aggregate);
            insert.setLong(2, sequence);
            insert.setString(3, aggregate + "/" + sequence);
            insert.setString(4, DateTimeUtils.formatInstant(at));
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
