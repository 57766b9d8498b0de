package org.loyalty.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.loyalty.query.ArrayColumns;

/**
 * Axon's JDBC storage engine with one change to appends ({@link #appendEvents(Connection, List, Serializer)}: one
 * statement for a commit's events) and three to what the processors' streams read (aggregate loads are Axon's):
 * <ul>
 *   <li>a full batch one reader fetched is handed to the next reader that asks for it instead of being read again
 *       ({@link RecentFullBatches}: a tracking processor's threads each read every event);</li>
 *   <li>each event's time is parsed once, quickly ({@link TimestampedEventEntry}), instead of by a
 *       {@code DateTimeFormatter} for the gap check and again for the message;</li>
 *   <li>each fetched batch is shown to the {@link FetchedEventsListener}s first (the members' data keys
 *       are loaded for a whole batch in one query).</li>
 * </ul>
 * The tracking token is built as Axon builds it: a gap (an index not yet committed) is remembered while
 * the event after it is younger than the gap timeout, up to {@code maxGapOffset} indexes back. The
 * settings are given here and to Axon's builder alike ({@link GapSettings}).
 */
final class TrackedReadsStorageEngine extends JdbcEventStorageEngine {

    /** How gaps in the global index are tracked; the values are Axon's defaults. */
    record GapSettings(long lowestGlobalSequence, int maxGapOffset, int gapTimeoutMillis) {
        static final GapSettings AXON_DEFAULTS = new GapSettings(1, 10_000, 60_000);

        Builder appliedTo(Builder builder) {
            return builder.lowestGlobalSequence(lowestGlobalSequence).maxGapOffset(maxGapOffset).gapTimeout(gapTimeoutMillis);
        }
    }

    private final GapSettings gaps;
    private final List<FetchedEventsListener> listeners;
    private final RecentFullBatches recentBatches;

    TrackedReadsStorageEngine(Builder builder, GapSettings gaps, List<FetchedEventsListener> listeners,
                              RecentFullBatches recentBatches) {
        super(gaps.appliedTo(builder));
        this.gaps = gaps;
        this.listeners = List.copyOf(listeners);
        this.recentBatches = recentBatches;
    }

    /**
     * All of a commit's events in one {@code INSERT ... SELECT FROM unnest(arrays)}, where Axon sends one
     * {@code INSERT ... VALUES} per event in a JDBC batch. Why: a group commit appends a few hundred events, and the
     * per-row statements were the largest single cost in PostgreSQL at 2,000 purchases/s (bench/NOTES.md item 32).
     * The rows are those Axon writes (same columns, its timestamp text, its handling of events that are not domain
     * events); unnest yields them in order, so the global index follows the order of the list as before, and a
     * clash with a stored event (another node appended the same sequence number) fails the whole statement with
     * the same unique violation, which Axon turns into the same exception as with its batch (named after the
     * commit's first event, as before).
     */
    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events, Serializer serializer)
            throws SQLException {
        EventSchema schema = schema();
        List<StoredEvent> rows = events.stream().map(event -> StoredEvent.of(asDomainEvent(event), serializer)).toList();
        PreparedStatement statement = ArrayColumns.of(rows).text(StoredEvent::eventId).text(StoredEvent::aggregateId)
                .int8(StoredEvent::sequenceNumber).text(StoredEvent::type).text(StoredEvent::timestamp)
                .text(StoredEvent::payloadType).text(StoredEvent::revision).bytea(StoredEvent::payload).bytea(StoredEvent::metaData)
                .prepare(connection, "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") SELECT * FROM "
                        + "unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
                        + "?::bytea[], ?::bytea[])");
        statement.addBatch(); // Axon runs the statement with executeBatch
        return statement;
    }

    /** An event's row in the order of Axon's columns, its payload and metadata serialized once. */
    private record StoredEvent(String eventId, String aggregateId, long sequenceNumber, String type, String timestamp,
                               String payloadType, String revision, byte[] payload, byte[] metaData) {

        static StoredEvent of(DomainEventMessage<?> event, Serializer serializer) {
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            return new StoredEvent(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(),
                    DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(), payload.getType().getRevision(),
                    payload.getData(), event.serializeMetaData(serializer, byte[].class).getData());
        }
    }

    /** As Axon stores an event that is not a domain event: its own aggregate, sequence number 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        // A batch another reader fetched was shown to the listeners then.
        List<? extends TrackedEventData<?>> shared = recentBatches.take(lastToken, batchSize);
        if (shared != null) {
            return shared;
        }
        List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
        if (!batch.isEmpty()) {
            listeners.forEach(listener -> listener.fetched(batch));
        }
        recentBatches.offer(lastToken, batchSize, batch);
        return batch;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet row, GapAwareTrackingToken previousToken) throws SQLException {
        EventSchema schema = schema();
        long globalIndex = row.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = row.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = row.getString(schema.eventIdentifierColumn());
        TimestampedEventEntry<?> event = new TimestampedEventEntry<>(
                row.getString(schema.typeColumn()),
                // Axon stores an event that belongs to no aggregate under its own identifier.
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                row.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(row, schema.timestampColumn()).toString(),
                row.getString(schema.payloadTypeColumn()),
                row.getString(schema.payloadRevisionColumn()),
                readPayload(row, schema.payloadColumn()),
                readPayload(row, schema.metaDataColumn()));
        return new TrackedDomainEventData<>(tokenAfter(previousToken, globalIndex, event.getTimestamp()), event);
    }

    /**
     * The token past {@code globalIndex}. Indexes skipped on the way may still be committed by a transaction
     * that took them earlier, so they are kept as gaps, unless this event is older than the gap timeout: then
     * whatever was skipped before it will not come any more.
     */
    private GapAwareTrackingToken tokenAfter(GapAwareTrackingToken previous, long globalIndex, Instant eventTime) {
        Instant oldestFillable = GenericEventMessage.clock.instant().minusMillis(gaps.gapTimeoutMillis());
        boolean mayStillFill = eventTime.isAfter(oldestFillable);
        if (previous != null) {
            return previous.advanceTo(globalIndex, mayStillFill ? gaps.maxGapOffset() : 0);
        }
        return GapAwareTrackingToken.newInstance(globalIndex, mayStillFill
                ? LongStream.range(Math.min(gaps.lowestGlobalSequence(), globalIndex), globalIndex).boxed()
                        .collect(Collectors.toCollection(TreeSet::new))
                : Collections.emptySortedSet());
    }
}
