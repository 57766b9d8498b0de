package org.loyalty.infra.axon;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.common.stream.BlockingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per node that follows the head of the event store and tells every registered listener when new
 * events are there, so that pooled processors wake at once instead of polling.
 *
 * <p>Why: Axon's pooled processor, on a stream without an availability callback (the JDBC embedded store's), looks
 * for new events only every 500 ms when it is idle, so a purchase reached the balance 250 ms late on average and
 * 500 ms at worst. This watch follows the store's own tailing cache: a node's own appends are signalled right
 * after they are fetched into it, another node's at the store's next fetch ({@code loyalty.event-store.fetch-delay}).
 * It reads the cached messages only to move past them (their payloads are never deserialized).
 *
 * <p>A listener must be cheap and must not block (the processors' listeners only schedule their coordinator). If
 * this thread fails (the database restarting), it opens a new stream a second later and signals everyone, since
 * events may have arrived unseen; until then the processors fall back on their own delayed look.
 */
final class EventArrivalWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventArrivalWatch.class);
    /** Signals at least every this many events, so that a steady flood cannot hold the listeners back. */
    private static final int MAX_SKIPPED_PER_SIGNAL = 500;
    private static final long RETRY_AFTER_FAILURE_MS = 1_000;

    private final Supplier<BlockingStream<?>> streamFromHead;
    private final long quietMillis;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final Object startLock = new Object();
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param streamFromHead opens a stream that starts after the newest stored event
     * @param quiet          how long the watch waits after a signal before it signals again: under load the
     *                       processors then handle the events of that time in one batch (one transaction and one
     *                       token update) instead of one batch per event, for at most this much more lag
     */
    EventArrivalWatch(Supplier<BlockingStream<?>> streamFromHead, Duration quiet) {
        this.streamFromHead = streamFromHead;
        this.quietMillis = quiet.toMillis();
    }

    /** Registers a listener; the watch thread starts with the first one. */
    void add(Runnable listener) {
        listeners.add(listener);
        synchronized (startLock) {
            if (thread == null && !closed) {
                thread = new Thread(this::watch, "event-arrival-watch");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    void remove(Runnable listener) {
        listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (startLock) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void watch() {
        while (!closed) {
            try (BlockingStream<?> stream = streamFromHead.get()) {
                signal();
                followHead(stream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Lost the event store's head ({}); following it again in {} ms", e.toString(), RETRY_AFTER_FAILURE_MS);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private void followHead(BlockingStream<?> stream) throws InterruptedException {
        while (!closed) {
            if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                int skipped = 0;
                do {
                    stream.nextAvailable();
                    skipped++;
                } while (skipped < MAX_SKIPPED_PER_SIGNAL && stream.hasNextAvailable());
                signal();
                if (quietMillis > 0) {
                    Thread.sleep(quietMillis);
                }
            }
        }
    }

    private void signal() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("An event arrival listener failed", e);
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_AFTER_FAILURE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
