package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.loyalty.command.purchase.JdbcTransactionClaims;
import org.loyalty.command.schedule.JdbcDueWorkSchedule;
import org.loyalty.infra.axon.LastSequenceNumbers;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a group commit writes or reads once for all its commands (GroupCommits): due-work rows written when the unit
 * of work commits, claims taken with one statement, last sequence numbers read with one. Each gives what the
 * commands would have got one at a time, and a rolled-back unit of work leaves nothing.
 */
@IntegrationTest
class GroupCommitStatementsIT {

    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionManager transactionManager;

    private void inUnitOfWork(Consumer<UnitOfWork<?>> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("test"));
        unitOfWork.attachTransaction(transactionManager);
        try {
            work.accept(unitOfWork);
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }

    private Optional<Instant> dueAt(String memberId) {
        return jdbc.queryForList("SELECT due_at FROM account_due_work WHERE member_id = ?", Timestamp.class, memberId).stream()
                .findFirst().map(Timestamp::toInstant);
    }

    @Test
    void dueWorkIsWrittenAtCommitWithTheLastInstantOfEachAccount() {
        JdbcDueWorkSchedule schedule = new JdbcDueWorkSchedule(jdbc);
        String a = "due-a-" + UUID.randomUUID(), b = "due-b-" + UUID.randomUUID(), c = "due-c-" + UUID.randomUUID();
        schedule.dueAt(c, T);

        inUnitOfWork(u -> {
            schedule.dueAt(a, T);
            schedule.dueAt(b, T.plusSeconds(60));
            schedule.dueAt(a, T.plusSeconds(120));
            schedule.dueAt(c, null);
            assertThat(dueAt(a)).as("nothing written before the commit").isEmpty();
        });

        assertThat(dueAt(a)).contains(T.plusSeconds(120));
        assertThat(dueAt(b)).contains(T.plusSeconds(60));
        assertThat(dueAt(c)).as("nothing due any more: deleted").isEmpty();
    }

    @Test
    void anUnchangedDueInstantLeavesTheRowAsItWas() {
        JdbcDueWorkSchedule schedule = new JdbcDueWorkSchedule(jdbc);
        String member = "due-same-" + UUID.randomUUID();
        schedule.dueAt(member, T);
        String written = rowVersion(member);

        inUnitOfWork(u -> schedule.dueAt(member, T));
        assertThat(rowVersion(member)).as("the same instant again: no new row version").isEqualTo(written);

        inUnitOfWork(u -> schedule.dueAt(member, T.plusSeconds(60)));
        assertThat(rowVersion(member)).as("another instant: written").isNotEqualTo(written);
        assertThat(dueAt(member)).contains(T.plusSeconds(60));
    }

    /** The transaction that wrote the row's current version, and where that version lies. */
    private String rowVersion(String memberId) {
        return jdbc.queryForObject("SELECT xmin::text || '@' || ctid::text FROM account_due_work WHERE member_id = ?", String.class, memberId);
    }

    @Test
    void dueWorkOfAUnitOfWorkRolledBackIsNotWritten() {
        JdbcDueWorkSchedule schedule = new JdbcDueWorkSchedule(jdbc);
        String a = "due-rollback-" + UUID.randomUUID();
        assertThatThrownBy(() -> inUnitOfWork(u -> {
            schedule.dueAt(a, T);
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(dueAt(a)).isEmpty();
    }

    @Test
    void claimsTakenTogetherAnswerAsClaimsTakenOneByOne() {
        JdbcTransactionClaims claims = new JdbcTransactionClaims(jdbc, JdbcTransactionClaims.PURCHASES);
        String fresh = "TX-" + UUID.randomUUID(), taken = "TX-" + UUID.randomUUID();
        inUnitOfWork(u -> claims.claim(taken, "earlier-owner"));

        inUnitOfWork(u -> {
            Map<String, String> members = new LinkedHashMap<>();
            members.put(fresh, "member-1");
            members.put(taken, "member-2");
            claims.claimAll(members);
            assertThat(claims.claim(fresh, "member-1")).isEqualTo("member-1");
            assertThat(claims.claim(taken, "member-2")).as("the earlier claim's owner").isEqualTo("earlier-owner");
        });
        assertThat(claims.ownerOf(fresh)).contains("member-1");

        String rolledBack = "TX-" + UUID.randomUUID();
        assertThatThrownBy(() -> inUnitOfWork(u -> {
            claims.claimAll(Map.of(rolledBack, "member-3"));
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(claims.ownerOf(rolledBack)).as("a rolled-back claim is no claim").isEmpty();
    }

    @Test
    void lastSequenceNumbersReadTogetherAreTheStoresOwn() {
        LoyaltyApi api = new LoyaltyApi(port);
        String member = api.enroll("Sam Sequence");
        api.postPurchase(LoyaltyApi.purchase(LoyaltyApi.newTransactionId(), member, "4.00")).expectStatus().isCreated();
        Long stored = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                member);
        String newcomer = api.enroll("Nell Newcomer");
        Long enrolment = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                newcomer);
        String unknown = "nobody-" + UUID.randomUUID();

        inUnitOfWork(u -> {
            new LastSequenceNumbers(jdbc).prefetch(List.of(member, unknown, newcomer));
            assertThat(LastSequenceNumbers.prefetched(member)).contains(Optional.of(stored));
            assertThat(LastSequenceNumbers.prefetched(newcomer)).as("only enrolled").contains(Optional.of(enrolment));
            assertThat(LastSequenceNumbers.prefetched(unknown)).as("read, and no event").contains(Optional.empty());
            assertThat(LastSequenceNumbers.prefetched("not-asked")).as("not read").isEmpty();
        });
        assertThat(LastSequenceNumbers.prefetched(member)).as("outside the unit of work").isEmpty();
    }
}
