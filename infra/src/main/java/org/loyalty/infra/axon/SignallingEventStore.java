package org.loyalty.infra.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store whose streams support an availability callback: a pooled processor reading one
 * is woken by {@link EventArrivalWatch} as soon as events arrive, instead of looking again 500 ms later. A tracking
 * processor reading one spaces its batches at the head of the store ({@link BatchPacing}).
 * Everything else (storage, caching, fetching other nodes' events) is the embedded store's.
 */
public class SignallingEventStore extends EmbeddedEventStore {

    private final EventArrivalWatch watch;
    private final Duration trackingQuiet;

    /**
     * @param quiet         the least time between two wake-ups of the pooled processors ({@link EventArrivalWatch})
     * @param trackingQuiet the least time between two batches of a tracking processor that has caught up
     *                      ({@link BatchPacing}); zero for none
     */
    public SignallingEventStore(Builder builder, Duration quiet, Duration trackingQuiet) {
        super(builder);
        this.trackingQuiet = BatchPacing.checked(trackingQuiet, "loyalty.event-store.tracking-quiet");
        this.watch = new EventArrivalWatch(() -> super.openStream(createHeadToken()), quiet);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignallingStream(super.openStream(trackingToken), watch, BatchPacing.of(trackingQuiet));
    }

    @Override
    public void shutDown() {
        watch.close();
        super.shutDown();
    }

    int arrivalListenerCount() {
        return watch.listenerCount();
    }

    /**
     * The embedded store's stream, plus a callback that the watch runs when events arrive, and the pacing of a
     * tracking processor's batches. Only a tracking processor waits for its batch's first event with a timeout (its
     * later events it takes while {@link #peek()} shows one); a pooled processor's coordinator asks without one, and
     * is paced by the watch instead.
     */
    private static final class SignallingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final EventArrivalWatch watch;
        private final BatchPacing pacing;
        private volatile Runnable callback;

        SignallingStream(TrackingEventStream delegate, EventArrivalWatch watch, BatchPacing pacing) {
            this.delegate = delegate;
            this.watch = watch;
            this.pacing = pacing;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                watch.remove(previous);
            }
            this.callback = callback;
            watch.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = delegate.peek();
            if (next.isEmpty()) {
                pacing.caughtUp();
            }
            return next;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = delegate.hasNextAvailable(timeout, unit);
            if (available && timeout > 0) {
                pacing.batchStarts();
            }
            return available;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                watch.remove(registered);
            }
            delegate.close();
        }
    }
}
