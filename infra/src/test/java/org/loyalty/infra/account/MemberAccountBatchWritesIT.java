package org.loyalty.infra.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.points.BucketDraw;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.referral.ReferralBonusEarned;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.returns.ReturnedItem;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.ProjectionBatches;
import org.loyalty.query.account.MemberAccountProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member-accounts projection collects the writes of a batch (one unit of work) and writes them with set-based
 * statements when the batch commits: the rows must be exactly those of the same events handled one at a time,
 * and a redelivered event, alone or within a batch, must change nothing.
 *
 * <p>The events are handed to a projection of the test's own, as the pooled processor hands them
 * ({@link ProjectionBatches}).
 */
@IntegrationTest
class MemberAccountBatchWritesIT {

    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00.123456789Z");
    private static final String[] TABLES = {"member_account", "purchase_history", "points_ledger", "points_bucket",
            "qualifying_points", "redemption", "member_reward"};

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    PlatformTransactionManager springTransactions;

    private ProjectionBatches projection;

    @BeforeEach
    void projectionOfTheTestsOwn() {
        projection = new ProjectionBatches(jdbc, transactionManager, () -> List.of(new MemberAccountProjection(jdbc)), TABLES);
    }

    @AfterEach
    void deleteTheTestMembers() {
        projection.deleteAll();
    }

    @Test
    void oneBatchOfAMembersWholeHistoryGivesTheSameRowsAsOneEventAtATime() throws Exception {
        String member = projection.newMember("batch-");
        List<EventMessage<?>> events = history(member);

        List<Map<String, List<Map<String, Object>>>> threeWays = projection.rowsThreeWays(member, events);
        Map<String, List<Map<String, Object>>> oneBatch = threeWays.get(2);

        assertThat(oneBatch).isEqualTo(threeWays.get(0)).isEqualTo(threeWays.get(1));
        // ... and those rows are what the events say, not just equally wrong.
        Map<String, Object> account = oneBatch.get("member_account").get(0);
        assertThat(account).containsEntry("balance", 90L).containsEntry("lifetime_earned", 180L)
                .containsEntry("debt", 10L).containsEntry("tier", "GOLD").containsEntry("points_expire_at", null);
        assertThat(account.get("updated_at").toString()).startsWith("2026-02-13");
        assertThat(oneBatch.get("points_ledger")).hasSize(10);
        assertThat(oneBatch.get("purchase_history")).hasSize(2);
        assertThat(remaining(oneBatch)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "TX-1-" + member, 90L, "B2-" + member, 15L, "ADJ-2-" + member, 0L, "REF-1-" + member, 5L));
        assertThat(oneBatch.get("qualifying_points")).extracting(r -> r.get("points")).containsExactly(100L, 50L, -50L);
        assertThat(oneBatch.get("redemption")).extracting(r -> r.get("status")).containsExactly("CANCELLED", "REDEEMED");
        assertThat(oneBatch.get("member_reward")).hasSize(1);
    }

    @Test
    void redeliveringAWholeBatchChangesNothing() throws Exception {
        String member = projection.newMember("batch-");
        List<EventMessage<?>> events = history(member);
        Map<String, List<Map<String, Object>>> deliveredTwiceOneAtATime = oneAtATime(member, events, events);
        projection.batch(events);
        Map<String, List<Map<String, Object>>> once = projection.rows(member);

        projection.batch(events);
        Map<String, List<Map<String, Object>>> again = projection.rows(member);
        assertThat(withoutUpdateTime(again)).isEqualTo(withoutUpdateTime(once));
        // The tier events are not ledger movements: redelivered, they set the tier and its update time again (the
        // time of the last one, TierRenewed), one event at a time as in a batch.
        assertThat(again.get("member_account").get(0).get("updated_at").toString()).startsWith("2026-02-12");
        assertThat(again).isEqualTo(deliveredTwiceOneAtATime);

        // A batch that holds the same events twice applies each movement once.
        projection.delete(member);
        List<EventMessage<?>> twice = new ArrayList<>(events);
        twice.addAll(history(member));
        projection.batch(twice);
        assertThat(projection.rows(member)).isEqualTo(again);
    }

    @Test
    void aBatchWhoseEventsWerePartlyAppliedBeforeAppliesOnlyTheRest() throws Exception {
        String early = projection.newMember("batch-");
        String fresh = projection.newMember("batch-");
        List<EventMessage<?>> earlyHistory = history(early);
        List<EventMessage<?>> freshHistory = history(fresh);
        Map<String, List<Map<String, Object>>> deliveredOnce = oneAtATime(early, earlyHistory);
        // The first member's first ten events were applied (a batch that committed, then a crash before the
        // token moved on, say); the redelivered batch holds them again, interleaved with another member's events.
        List<EventMessage<?>> applied = earlyHistory.subList(0, 10);
        List<EventMessage<?>> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(earlyHistory.size(), freshHistory.size()); i++) {
            if (i < earlyHistory.size()) {
                mixed.add(earlyHistory.get(i));
            }
            if (i < freshHistory.size()) {
                mixed.add(freshHistory.get(i));
            }
        }
        // One event at a time: the second member's rows are its history applied once (left by the mixed delivery).
        Map<String, List<Map<String, Object>>> earlyExpected = oneAtATime(early, applied, mixed);
        Map<String, List<Map<String, Object>>> freshExpected = projection.rows(fresh);
        projection.delete(fresh);

        projection.batch(applied);
        projection.batch(mixed);

        assertThat(projection.rows(early)).isEqualTo(earlyExpected);
        assertThat(projection.rows(fresh)).isEqualTo(freshExpected);
        // No tier event among the redelivered ones: the first member's rows are as if nothing had been redelivered.
        assertThat(earlyExpected).isEqualTo(deliveredOnce);
        assertThat(earlyExpected.get("points_ledger")).hasSize(10);
    }

    @Test
    void aPurchaseThatMovesTheExpiryDateUpdatesTheAccountOnItsPage() {
        String member = projection.newMember("batch-");
        List<EventMessage<?>> events = history(member);
        projection.batch(events.subList(0, 1));

        // The purchase, its points and its new expiry date as one batch, in a transaction of the test's own: PostgreSQL
        // counts the rows this connection updated, and of those the ones updated in place on their page (HOT), which
        // needs that no index covers a column the update changes (V15) and room on the page. The counts also hold
        // the connection's earlier transactions not yet reported, so the batch's are the difference.
        TransactionTemplate transaction = new TransactionTemplate(springTransactions);
        long[] counts = transaction.execute(status -> {
            long[] before = accountUpdates();
            projection.batch(events.subList(1, 4));
            long[] after = accountUpdates();
            status.setRollbackOnly();
            return new long[] {after[0] - before[0], after[1] - before[1]};
        });

        assertThat(counts).as("rows updated, of which on their page").containsExactly(1L, 1L);
    }

    private long[] accountUpdates() {
        return jdbc.queryForObject("""
                SELECT pg_stat_get_xact_tuples_updated('member_account'::regclass),
                       pg_stat_get_xact_tuples_hot_updated('member_account'::regclass)""",
                (row, i) -> new long[] {row.getLong(1), row.getLong(2)});
    }

    /**
     * A member's whole life in one stream: enrolment, purchases and their points, a redemption and its cancellation,
     * a return drawing on a bucket (with debt), adjustments both ways, a tier change and renewal, a referral bonus,
     * a birthday reward, expiry, and an expiry date set then cleared. Ids are per member (some are global keys).
     */
    private static List<EventMessage<?>> history(String m) {
        String tx1 = "TX-1-" + m, tx2 = "TX-2-" + m, b2 = "B2-" + m, adj2 = "ADJ-2-" + m, ref1 = "REF-1-" + m;
        Instant far = Instant.parse("2090-01-01T00:00:00Z");
        List<Object> payloads = List.of(
                new MemberEnrolled(m, "Batch Member", "batch@example.com", null, LocalDate.of(1990, 5, 17), true, T0, "GREEN", null),
                new PurchaseRecorded(m, tx1, "STORE-1", at(1), "USD", PaymentMethod.CARD,
                        List.of(new PurchaseItem("SKU-1", "coffee", 2, new BigDecimal("2.25")), new PurchaseItem("SKU-2", "food", 1, new BigDecimal("6.0000"))),
                        new BigDecimal("10.50"), at(1)),
                new PointsEarned(m, tx1, 100, 100, List.of(new AppliedRule("base", 1, 100, "base: 1 point per unit")), at(1), "GREEN",
                        List.of(50L, 50L), null, null, far, 0),
                new ExpiryDateChanged(m, far, "activity", at(1)),
                new PurchaseRecorded(m, tx2, "STORE-2", at(2), "USD", PaymentMethod.STORED_VALUE_CARD,
                        List.of(new PurchaseItem("SKU-3", "coffee", 1, new BigDecimal("5.125"))), new BigDecimal("5.125"), at(2)),
                new PointsEarned(m, tx2, 50, 150, List.of(new AppliedRule("base", 1, 25, "base"), new AppliedRule("svc", 2, 25, "card x2")),
                        at(2), "GREEN", List.of(50L), b2, at(2).plusSeconds(60), far, 0),
                new PointsRedeemed(m, "RED-1-" + m, "IDEM-1", "R60", 60, List.of(new BucketDraw(tx1, 60)), 90, at(3)),
                new PurchaseReturned(m, "RET-1", tx2, List.of(new ReturnedItem("SKU-3", 1, 50)), new BigDecimal("5.125"), 50,
                        List.of(new BucketDraw(b2, 30)), 0, 20, 40, at(4)),
                new RedemptionCancelled(m, "RED-1-" + m, 60, List.of(new BucketDraw(tx1, 60)), 100, "changed their mind", at(5)),
                new PointsAdjusted(m, "ADJ-1", "staff-1", -10, "typo", null, null, List.of(new BucketDraw(tx1, 10)), 0, 0, 90, at(6)),
                new PointsAdjusted(m, "ADJ-2", "staff-1", 25, "goodwill", adj2, far, List.of(), 5, 0, 110, at(7)),
                new TierChanged(m, "GREEN", "GOLD", "QUALIFIED", 600, at(8).plus(Duration.ofDays(365)), at(8)),
                new ReferralBonusEarned(m, "REFEREE-" + m, "referral", 1, 30, ref1, far, 5, 135, at(9)),
                new RewardIssued(m, "ISSUE-1", "BIRTHDAY-TREAT", "BIRTHDAY", at(9), at(9).plus(Duration.ofDays(7)), at(9)),
                new PointsExpired(m, 20, List.of(new BucketDraw(ref1, 20)), 115, "INACTIVITY", at(10)),
                new TierRenewed(m, "GOLD", 700, at(11).plus(Duration.ofDays(365)), at(11)),
                new ExpiryDateChanged(m, null, "tier never expires", at(11)),
                new PointsRedeemed(m, "RED-2-" + m, "IDEM-2", "R25", 25, List.of(new BucketDraw(b2, 5), new BucketDraw(adj2, 20)), 90, at(12)));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(new GenericDomainEventMessage<>("MemberAccount", m, sequence, payloads.get(sequence)));
        }
        return events;
    }

    private static Instant at(int day) {
        return T0.plus(Duration.ofDays(day));
    }

    /** The rows of the member after the deliveries, handled one event at a time (then deleted again). */
    @SafeVarargs
    private Map<String, List<Map<String, Object>>> oneAtATime(String member, List<EventMessage<?>>... deliveries) throws Exception {
        for (List<EventMessage<?>> events : deliveries) {
            projection.oneAtATime(events);
        }
        Map<String, List<Map<String, Object>>> rows = projection.rows(member);
        projection.delete(member);
        return rows;
    }

    private static Map<String, List<Map<String, Object>>> withoutUpdateTime(Map<String, List<Map<String, Object>>> rows) {
        Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>(rows);
        copy.put("member_account", rows.get("member_account").stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>(r);
            row.remove("updated_at");
            return row;
        }).toList());
        return copy;
    }

    private static Map<String, Long> remaining(Map<String, List<Map<String, Object>>> rows) {
        Map<String, Long> remaining = new LinkedHashMap<>();
        rows.get("points_bucket").forEach(r -> remaining.put((String) r.get("bucket_id"), (Long) r.get("remaining")));
        return remaining;
    }
}
