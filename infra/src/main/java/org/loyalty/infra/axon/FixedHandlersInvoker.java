package org.loyalty.infra.axon;

import java.util.List;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;

/**
 * A processor's handler groups, answering what {@link MultiEventHandlerInvoker} answers, with whether each group
 * takes part in a replay asked once instead of for every event, and whether a payload type has a handler once a type.
 *
 * <p>Axon's invoker asks each group {@code supportsReset()} before every {@code canHandle} and {@code handle}, in a
 * pooled processor's coordinator (once per segment it holds) and again in its worker; an annotated group answers by
 * streaming over all of its handler methods; with the type checks every event gets, 14% of the bytes a purchase
 * allocated (bench/NOTES.md, items 38 and 56). A group's handlers are fixed once the processor is built, so the
 * answers are too.
 */
final class FixedHandlersInvoker implements EventHandlerInvoker {

    private final EventHandlerInvoker[] groups;
    private final boolean[] groupSupportsReset;
    private final boolean supportsReset;
    /** Whether any group has a handler for a payload type: annotated handlers' answer depends on the type alone. */
    private final ClassValue<Boolean> handledTypes = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> payloadType) {
            return anyGroupHandles(payloadType);
        }
    };

    FixedHandlersInvoker(MultiEventHandlerInvoker invoker) {
        List<EventHandlerInvoker> delegates = invoker.delegates();
        groups = delegates.toArray(EventHandlerInvoker[]::new);
        groupSupportsReset = new boolean[groups.length];
        boolean any = false;
        for (int i = 0; i < groups.length; i++) {
            groupSupportsReset[i] = groups[i].supportsReset();
            any |= groupSupportsReset[i];
        }
        supportsReset = any;
    }

    /** The processor's invoker to use: Axon's multi-group invoker replaced, any other kind kept as it is. */
    static EventHandlerInvoker of(EventHandlerInvoker invoker) {
        return invoker instanceof MultiEventHandlerInvoker multi ? new FixedHandlersInvoker(multi) : invoker;
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        boolean replay = ReplayToken.isReplay(event);
        for (int i = 0; i < groups.length; i++) {
            if (takes(i, replay, event, segment)) {
                return true;
            }
        }
        return false;
    }

    /** Asked for every event read (coordinators skip the types no handler takes); the answer is the type's. */
    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handledTypes.get(payloadType);
    }

    private boolean anyGroupHandles(Class<?> payloadType) {
        for (EventHandlerInvoker group : groups) {
            if (group.canHandleType(payloadType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        boolean replay = ReplayToken.isReplay(event);
        for (int i = 0; i < groups.length; i++) {
            if (takes(i, replay, event, segment)) {
                groups[i].handle(event, segment);
            }
        }
    }

    /** As Axon's: a group that does not support a reset sees no replayed event. */
    private boolean takes(int group, boolean replay, EventMessage<?> event, Segment segment) {
        return (groupSupportsReset[group] || !replay) && groups[group].canHandle(event, segment);
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public void performReset() {
        performReset(null);
    }

    @Override
    public <R> void performReset(R resetContext) {
        for (int i = 0; i < groups.length; i++) {
            if (groupSupportsReset[i]) {
                groups[i].performReset(resetContext);
            }
        }
    }

    // segmentReleased: not overridden, as Axon's multi-group invoker does not pass it on either.
}
