package org.loyalty.infra.axon;

import java.util.List;
import org.axonframework.eventhandling.TrackedEventData;

/**
 * Told of each batch of stored events a processor's stream fetched, before any of them is deserialized:
 * the place to load, in one query, what deserializing them one by one would fetch event by event.
 */
public interface FetchedEventsListener {

    /**
     * Called on the fetching thread, in the fetch's transaction. It only prepares: what it cannot read it skips. An
     * exception (the database gone) fails the fetch as the fetch's own query would, and the processor retries it.
     */
    void fetched(List<? extends TrackedEventData<?>> batch);
}
