package org.loyalty.infra.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine with two changes to what the processors' streams read (appends and
 * aggregate loads are Axon's):
 * <ul>
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

    TrackedReadsStorageEngine(Builder builder, GapSettings gaps, List<FetchedEventsListener> listeners) {
        super(gaps.appliedTo(builder));
        this.gaps = gaps;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
        if (!batch.isEmpty()) {
            listeners.forEach(listener -> listener.fetched(batch));
        }
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
