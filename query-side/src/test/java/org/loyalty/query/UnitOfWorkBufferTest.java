package org.loyalty.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnitOfWorkBufferTest {

    /** What each flush wrote: the notes of one buffer. */
    private final List<List<String>> flushed = new ArrayList<>();
    private final UnitOfWorkBuffer<List<String>> buffer = new UnitOfWorkBuffer<>(ArrayList::new, flushed::add);

    @AfterEach
    void noUnitOfWorkLeftBehind() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void withoutAUnitOfWorkEachNoteIsWrittenAtOnce() {
        buffer.note(b -> b.add("a"));
        assertThat(flushed).containsExactly(List.of("a"));
        buffer.note(b -> b.add("b"));
        assertThat(flushed).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void theNotesOfAUnitOfWorkAreWrittenTogetherWhenItCommits() {
        UnitOfWork<?> unitOfWork = start();
        buffer.note(b -> b.add("a"));
        buffer.note(b -> b.add("b"));
        assertThat(flushed).isEmpty();

        unitOfWork.commit();

        assertThat(flushed).containsExactly(List.of("a", "b"));
    }

    @Test
    void aUnitOfWorkRolledBackWritesNothing() {
        UnitOfWork<?> unitOfWork = start();
        buffer.note(b -> b.add("a"));

        unitOfWork.rollback();

        assertThat(flushed).isEmpty();
    }

    @Test
    void notesInANestedUnitOfWorkJoinTheRootsBuffer() {
        UnitOfWork<?> root = start();
        buffer.note(b -> b.add("a"));
        UnitOfWork<?> nested = start();
        buffer.note(b -> b.add("b"));
        nested.commit();
        assertThat(flushed).as("the nested unit of work commits with its root").isEmpty();

        root.commit();

        assertThat(flushed).containsExactly(List.of("a", "b"));
    }

    @Test
    void twoBuffersInOneUnitOfWorkKeepTheirOwnNotes() {
        List<List<String>> other = new ArrayList<>();
        UnitOfWorkBuffer<List<String>> second = new UnitOfWorkBuffer<>(ArrayList::new, other::add);
        UnitOfWork<?> unitOfWork = start();
        buffer.note(b -> b.add("a"));
        second.note(b -> b.add("b"));

        unitOfWork.commit();

        assertThat(flushed).containsExactly(List.of("a"));
        assertThat(other).containsExactly(List.of("b"));
    }

    @Test
    void aNoteMadeWhileTheUnitOfWorkCommitsIsWrittenAtOnce() {
        UnitOfWork<?> unitOfWork = start();
        unitOfWork.onCommit(u -> buffer.note(b -> b.add("late")));

        unitOfWork.commit();

        assertThat(flushed).containsExactly(List.of("late"));
    }

    private static UnitOfWork<?> start() {
        return DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
    }
}
