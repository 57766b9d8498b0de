package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class FixedHandlersInvokerTest {

    private static final Segment ALL = Segment.ROOT_SEGMENT;

    /** A read model: rebuilt by a replay. */
    static final class Projection {
        final List<String> seen = new ArrayList<>();
        final List<Object> resets = new ArrayList<>();

        @EventHandler
        void on(String event) {
            seen.add(event);
        }

        @ResetHandler
        void reset(String context) {
            resets.add(context);
            seen.clear();
        }
    }

    /** A side effect (a webhook, a reward): must not happen again in a replay. */
    @DisallowReplay
    static final class Notifier {
        final List<String> sent = new ArrayList<>();

        @EventHandler
        void on(String event) {
            sent.add(event);
        }
    }

    /** Takes only numbers, so a text event is not its. */
    static final class Counter {
        int count;

        @EventHandler
        void on(Integer event) {
            count += event;
        }
    }

    private final Projection projection = new Projection();
    private final Notifier notifier = new Notifier();
    private final Counter counter = new Counter();

    private static SimpleEventHandlerInvoker group(Object handler) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handler).build();
    }

    private MultiEventHandlerInvoker axons() {
        return new MultiEventHandlerInvoker(group(projection), group(notifier), group(counter));
    }

    private static TrackedEventMessage<String> live(String payload) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(20), GenericEventMessage.asEventMessage(payload));
    }

    private static TrackedEventMessage<String> replayed(String payload) {
        // Reset at position 10, replaying from the start: position 5 was seen before the reset.
        var token = ((ReplayToken) ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), null))
                .advancedTo(new GlobalSequenceTrackingToken(5));
        TrackedEventMessage<String> event = new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage(payload));
        assertThat(ReplayToken.isReplay(event)).as("the test's replayed event").isTrue();
        return event;
    }

    @Test
    void aLiveEventReachesEveryGroupWithAHandlerForIt() throws Exception {
        EventHandlerInvoker invoker = FixedHandlersInvoker.of(axons());

        assertThat(invoker).isInstanceOf(FixedHandlersInvoker.class);
        assertThat(invoker.canHandle(live("a"), ALL)).isTrue();
        invoker.handle(live("a"), ALL);
        invoker.handle(GenericEventMessage.asEventMessage(3), ALL);

        assertThat(projection.seen).containsExactly("a");
        assertThat(notifier.sent).containsExactly("a");
        assertThat(counter.count).isEqualTo(3);
    }

    @Test
    void aReplayedEventSkipsTheGroupsThatDoNotSupportAReset() throws Exception {
        EventHandlerInvoker invoker = FixedHandlersInvoker.of(axons());

        invoker.handle(replayed("b"), ALL);

        assertThat(projection.seen).containsExactly("b");
        assertThat(notifier.sent).isEmpty();
    }

    @Test
    void answersAsAxonsInvokerDoes() {
        MultiEventHandlerInvoker axons = axons();
        EventHandlerInvoker fixed = FixedHandlersInvoker.of(axons);
        // A processor of side effects alone supports no reset and takes no replayed event.
        MultiEventHandlerInvoker notifierOnly = new MultiEventHandlerInvoker(group(notifier));
        EventHandlerInvoker notifierOnlyFixed = FixedHandlersInvoker.of(notifierOnly);
        Segment half = ALL.split()[1];
        List<EventMessage<?>> events = List.of(live("a"), replayed("b"), GenericEventMessage.asEventMessage(1),
                GenericEventMessage.asEventMessage(2L));

        for (EventMessage<?> event : events) {
            for (Segment segment : List.of(ALL, half)) {
                assertThat(fixed.canHandle(event, segment)).as("%s in %s", event.getPayload(), segment)
                        .isEqualTo(axons.canHandle(event, segment));
                assertThat(notifierOnlyFixed.canHandle(event, segment)).as("%s in %s, notifier only", event.getPayload(), segment)
                        .isEqualTo(notifierOnly.canHandle(event, segment));
            }
        }
        assertThat(notifierOnlyFixed.canHandle(replayed("c"), ALL)).isFalse();
        for (Class<?> type : List.of(String.class, Integer.class, Long.class)) {
            assertThat(fixed.canHandleType(type)).as(type.getSimpleName()).isEqualTo(axons.canHandleType(type));
        }
        assertThat(fixed.supportsReset()).isTrue();
        assertThat(notifierOnlyFixed.supportsReset()).isEqualTo(notifierOnly.supportsReset()).isFalse();
    }

    @Test
    void aResetReachesOnlyTheGroupsThatSupportOneWithItsContext() throws Exception {
        EventHandlerInvoker invoker = FixedHandlersInvoker.of(axons());
        invoker.handle(live("a"), ALL);

        invoker.performReset("rebuild");

        assertThat(projection.resets).containsExactly("rebuild");
        assertThat(projection.seen).isEmpty();
        assertThat(notifier.sent).containsExactly("a");
    }

    /** A group that counts the questions a processor asks it per event, not per answer. */
    private static final class CountedGroup implements EventHandlerInvoker {
        private final SimpleEventHandlerInvoker group;
        final AtomicInteger resetQuestions = new AtomicInteger();
        final AtomicInteger typeQuestions = new AtomicInteger();

        CountedGroup(Object handler) {
            group = group(handler);
        }

        @Override
        public boolean canHandle(EventMessage<?> event, Segment segment) {
            return group.canHandle(event, segment);
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            typeQuestions.incrementAndGet();
            return group.canHandleType(payloadType);
        }

        @Override
        public void handle(EventMessage<?> event, Segment segment) throws Exception {
            group.handle(event, segment);
        }

        @Override
        public boolean supportsReset() {
            resetQuestions.incrementAndGet();
            return group.supportsReset();
        }
    }

    @Test
    void asksEachGroupOnceWhetherItSupportsAResetAndOnceATypeWhetherItHasAHandler() throws Exception {
        CountedGroup counted = new CountedGroup(projection);
        EventHandlerInvoker invoker = FixedHandlersInvoker.of(new MultiEventHandlerInvoker(counted));

        int numbers = 0;
        for (int i = 0; i < 100; i++) {
            TrackedEventMessage<String> event = i % 2 == 0 ? live("e" + i) : replayed("e" + i);
            assertThat(invoker.canHandleType(String.class)).isTrue();
            if (invoker.canHandle(event, ALL)) {
                invoker.handle(event, ALL);
            }
            numbers += invoker.canHandleType(Integer.class) ? 1 : 0;
        }

        assertThat(projection.seen).hasSize(100);
        assertThat(numbers).as("the projection has no handler for numbers").isZero();
        assertThat(counted.resetQuestions).hasValue(1);
        assertThat(counted.typeQuestions).hasValue(2);
    }

    @Test
    void keepsAnyOtherKindOfInvokerAsItIs() {
        SimpleEventHandlerInvoker single = group(projection);

        assertThat(FixedHandlersInvoker.of(single)).isSameAs(single);
    }
}
