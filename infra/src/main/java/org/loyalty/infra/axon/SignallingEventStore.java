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
 * is woken by {@link EventArrivalWatch} as soon as events arrive, instead of looking again 500 ms later.
 * Everything else (storage, caching, fetching other nodes' events) is the embedded store's.
 */
public class SignallingEventStore extends EmbeddedEventStore {

    private final EventArrivalWatch watch;

    /** @param quiet the least time between two wake-ups of the processors ({@link EventArrivalWatch}) */
    public SignallingEventStore(Builder builder, Duration quiet) {
        super(builder);
        this.watch = new EventArrivalWatch(() -> super.openStream(createHeadToken()), quiet);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignallingStream(super.openStream(trackingToken), watch);
    }

    @Override
    public void shutDown() {
        watch.close();
        super.shutDown();
    }

    int arrivalListenerCount() {
        return watch.listenerCount();
    }

    /** The embedded store's stream, plus a callback that the watch runs when events arrive. */
    private static final class SignallingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private final EventArrivalWatch watch;
        private volatile Runnable callback;

        SignallingStream(TrackingEventStream delegate, EventArrivalWatch watch) {
            this.delegate = delegate;
            this.watch = watch;
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
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
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
