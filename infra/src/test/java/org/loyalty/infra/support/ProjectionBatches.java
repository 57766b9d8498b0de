package org.loyalty.infra.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands events to projections of a test's own, as a pooled processor hands them (one {@link BatchingUnitOfWork} per
 * batch, with the application's transaction attached) or one at a time without a unit of work; and reads and
 * deletes the rows of the test's members in the projections' tables. The events are not in the event store, so the
 * application's own processors never see these members.
 */
public final class ProjectionBatches {

    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    private final Supplier<List<Object>> projections;
    private final List<String> tables;
    private final List<String> members = new ArrayList<>();

    /**
     * @param projections new projection instances for each delivery (a projection keeps nothing between batches)
     * @param tables      the tables the projections write, each with a {@code member_id} column
     */
    public ProjectionBatches(JdbcTemplate jdbc, TransactionManager transactionManager, Supplier<List<Object>> projections,
                             String... tables) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.projections = projections;
        this.tables = List.of(tables);
    }

    /** A new member id, whose rows {@link #deleteAll()} removes. */
    public String newMember(String prefix) {
        String member = prefix + UUID.randomUUID();
        members.add(member);
        return member;
    }

    /** One batch: one unit of work over the events, in one transaction; fails when any event or the commit failed. */
    public void batch(List<EventMessage<?>> events) {
        List<AnnotationEventHandlerAdapter> handlers = adapters();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                handler.handle(unitOfWork.getMessage());
            }
            return null;
        });
        unitOfWork.getExecutionResults().values().stream().filter(r -> r.isExceptionResult()).findFirst().ifPresent(r -> {
            throw new IllegalStateException("an event of the batch failed", r.getExceptionResult());
        });
    }

    /** Direct calls, no unit of work: every event's writes are made at once. */
    public void oneAtATime(List<EventMessage<?>> events) throws Exception {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a unit of work was left on the test thread");
        }
        for (EventMessage<?> event : events) {
            for (AnnotationEventHandlerAdapter handler : adapters()) {
                handler.handle(event);
            }
        }
    }

    /**
     * The member's rows after its events were handled one at a time, after each event was a batch of its own, and
     * after all were one batch (the rows deleted in between): the three, in that order, for the test to compare.
     */
    public List<Map<String, List<Map<String, Object>>>> rowsThreeWays(String member, List<EventMessage<?>> events) throws Exception {
        oneAtATime(events);
        Map<String, List<Map<String, Object>>> direct = rows(member);
        delete(member);
        events.forEach(event -> batch(List.of(event)));
        Map<String, List<Map<String, Object>>> batchesOfOne = rows(member);
        delete(member);
        batch(events);
        return List.of(direct, batchesOfOne, rows(member));
    }

    /** The member's rows per table, each table's ordered by its first three columns. */
    public Map<String, List<Map<String, Object>>> rows(String member) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " WHERE member_id = ? ORDER BY 1, 2, 3", member));
        }
        return rows;
    }

    public void delete(String member) {
        for (String table : tables) {
            jdbc.update("DELETE FROM " + table + " WHERE member_id = ?", member);
        }
    }

    /** Deletes the rows of every member {@link #newMember} gave. */
    public void deleteAll() {
        members.forEach(this::delete);
    }

    private List<AnnotationEventHandlerAdapter> adapters() {
        return projections.get().stream().map(AnnotationEventHandlerAdapter::new).toList();
    }
}
