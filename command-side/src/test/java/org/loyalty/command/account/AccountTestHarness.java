package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;

/**
 * A given-when-then harness for {@link MemberAccount} built from Axon's own parts: a
 * {@link SimpleCommandBus} (one unit of work per command, rolled back when the handler throws), an
 * {@link EventSourcingRepository} and an {@link EmbeddedEventStore} over an in-memory engine.
 *
 * <p>It stands in for {@code AggregateTestFixture}, which cannot run in this module: axon-test
 * declares Hamcrest as an optional dependency, command-side does not add it, and the fixture's
 * {@code when(..)} fails with {@code NoClassDefFoundError: org/hamcrest/Description}.
 *
 * <p>Unlike the fixture it can hold several accounts, and the events a command produced are those
 * the event store actually received once the unit of work committed.
 */
public final class AccountTestHarness implements AutoCloseable {

    private static final String AGGREGATE_TYPE = MemberAccount.class.getSimpleName();

    private final EmbeddedEventStore eventStore;
    private final EventSourcingRepository<MemberAccount> repository;
    private final SimpleCommandBus commandBus;
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();

    public AccountTestHarness() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        eventStore.subscribe(published::addAll);
        repository = EventSourcingRepository.builder(MemberAccount.class).eventStore(eventStore).build();
        commandBus = SimpleCommandBus.builder().build();
    }

    public Repository<MemberAccount> getRepository() {
        return repository;
    }

    public AccountTestHarness registerAnnotatedCommandHandler(Object handler) {
        new AnnotationCommandHandlerAdapter<>(handler).subscribe(commandBus);
        return this;
    }

    /** Stores {@code events} on the member's stream, after whatever it holds already. */
    public AccountTestHarness given(String memberId, Object... events) {
        long next = eventStore.lastSequenceNumberFor(memberId).map(last -> last + 1).orElse(0L);
        for (Object event : events) {
            eventStore.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, memberId, next++, event));
        }
        return this;
    }

    /** Dispatches the command on the bus and reports its answer and the events it stored. */
    public Outcome when(Object command) {
        published.clear();
        AtomicReference<CommandResultMessage<?>> answer = new AtomicReference<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> answer.set(result));
        CommandResultMessage<?> result = answer.get();
        assertThat(result).as("the simple command bus answers before dispatch returns").isNotNull();
        List<Object> events = published.stream().<Object>map(EventMessage::getPayload).toList();
        return result.isExceptional()
                ? new Outcome(null, result.exceptionResult(), events)
                : new Outcome(result.getPayload(), null, events);
    }

    /** Every event stored for the member, oldest first. */
    public List<DomainEventMessage<?>> storedEvents(String memberId) {
        return eventStore.readEvents(memberId).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    /** The payloads of every event stored for the member, oldest first. */
    public List<Object> storedPayloads(String memberId) {
        return storedEvents(memberId).stream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    /** The balance of the account as rebuilt from its stored events by a fresh load. */
    public long balanceOf(String memberId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return repository.load(memberId).invoke(MemberAccount::balance);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }

    /** What a command ended in: a result or an exception, and the events stored for it. */
    public record Outcome(Object result, Throwable exception, List<Object> events) {

        public <R> R resultAs(Class<R> type) {
            assertThat(exception).as("the command failed").isNull();
            return type.cast(result);
        }

        public <X extends Throwable> X exceptionAs(Class<X> type) {
            assertThat(exception).as("the command's exception").isInstanceOf(type);
            return type.cast(exception);
        }
    }
}
