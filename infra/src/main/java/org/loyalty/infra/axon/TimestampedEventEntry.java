package org.loyalty.infra.axon;

import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventEntry;

/** A stored event as Axon's entry holds it, with its time read once ({@link StoredTimestamps}) instead of at every call. */
final class TimestampedEventEntry<T> extends GenericDomainEventEntry<T> {

    private final Instant timestamp;

    TimestampedEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier, String storedTimestamp,
                          String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType, payloadRevision, payload, metaData);
        this.timestamp = StoredTimestamps.parse(storedTimestamp);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
