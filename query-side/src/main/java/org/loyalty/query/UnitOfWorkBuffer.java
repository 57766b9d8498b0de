package org.loyalty.query;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A projection's writes of one event processor batch, held in memory and written once when the batch's unit of work
 * prepares to commit: in the batch's transaction, which also stores the segment's token, so the rows and the token
 * still commit together. Writing once per batch instead of once per event saves a round trip to PostgreSQL (and the
 * two thread switches it costs on each side) for every event after the first.
 *
 * <p>Without a unit of work (a direct call), or in one that is already committing, the writes are made at once.
 *
 * @param <B> what the projection collects its writes in; a new one for each unit of work
 */
public final class UnitOfWorkBuffer<B> {

    private static final AtomicLong BUFFERS = new AtomicLong();

    private final Supplier<B> create;
    private final Consumer<B> flush;
    /**
     * This buffer's key among the unit of work's resources, unique (a processor's projections share the unit of work;
     * identity hash codes can collide).
     */
    private final String resource = UnitOfWorkBuffer.class.getName() + "#" + BUFFERS.incrementAndGet();

    public UnitOfWorkBuffer(Supplier<B> create, Consumer<B> flush) {
        this.create = create;
        this.flush = flush;
    }

    /** Notes writes in the current batch's buffer. */
    public void note(Consumer<B> note) {
        UnitOfWork<?> root = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        if (root == null || !root.phase().isBefore(UnitOfWork.Phase.PREPARE_COMMIT)) {
            B now = create.get();
            note.accept(now);
            flush.accept(now);
            return;
        }
        note.accept(root.getOrComputeResource(resource, key -> {
            B buffer = create.get();
            root.onPrepareCommit(u -> flush.accept(buffer));
            return buffer;
        }));
    }
}
