package org.loyalty.query.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.query.ArrayColumns;
import org.loyalty.query.UnitOfWorkBuffer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each member's purchase statistics for the retention models: the purchase days (same-day
 * purchases merged, as the models count transactions) and their summary, from which x, t_x and T
 * follow. A purchase posted late (out of order) lands on its own day, and the summary takes it in: it can move the
 * first day back, and with it the first day's spend.
 *
 * <p>The rows are written in the processor's transaction together with its token, so an event is
 * applied exactly once; a reset truncates the tables and replays them from the events.
 *
 * <p>A processor batch's writes are made when its transaction commits ({@link UnitOfWorkBuffer}), in one statement
 * that adds its day rows and updates the summaries of the members they touched, to the same rows as one purchase at a
 * time would give.
 */
@ProcessingGroup(PurchaseStatsProjection.PROCESSING_GROUP)
public class PurchaseStatsProjection {

    public static final String PROCESSING_GROUP = "retention-stats";

    /** member_purchase_day.spend's scale (NUMERIC(19, 4)). */
    private static final int SPEND_SCALE = 4;

    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final UnitOfWorkBuffer<PurchaseDays> writes;

    public PurchaseStatsProjection(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.writes = new UnitOfWorkBuffer<>(PurchaseDays::new, this::flush);
    }

    /** A member's day. */
    private record MemberDay(String memberId, LocalDate day) implements Comparable<MemberDay> {

        private static final Comparator<MemberDay> ORDER = Comparator.comparing(MemberDay::memberId).thenComparing(MemberDay::day);

        @Override
        public int compareTo(MemberDay other) {
            return ORDER.compare(this, other);
        }
    }

    /** What one batch adds to a member's day. */
    private record DaySum(BigDecimal spend, int purchases) {

        DaySum plus(DaySum other) {
            return new DaySum(spend.add(other.spend), purchases + other.purchases);
        }
    }

    /** One batch's purchases summed by member and day: one row each, since an upsert may not meet the same row twice. */
    private static final class PurchaseDays {
        final Map<MemberDay, DaySum> days = new TreeMap<>();
    }

    @EventHandler
    void on(PurchaseRecorded event) {
        MemberDay day = new MemberDay(event.memberId(), event.occurredAt().atZone(zone).toLocalDate());
        // Rounded as the column rounds each amount stored, so the sum is what one upsert a purchase gave.
        DaySum purchase = new DaySum(event.netTotal().setScale(SPEND_SCALE, RoundingMode.HALF_UP), 1);
        writes.note(w -> w.days.merge(day, purchase, DaySum::plus));
    }

    /**
     * Never empty: the buffer makes a {@code PurchaseDays} only for a purchase it notes. One statement adds the batch to
     * the day rows and then to the summaries: a day row whose purchases equal the batch's is new, and the first day's
     * spend is that day's row as it now stands. The summaries are updated, not recomputed from every day row of the
     * member: that recomputation read a member's whole history on every batch (5% of PostgreSQL's statement time at
     * 2,000 purchases/s, growing with the history; bench/NOTES.md item 34).
     */
    private void flush(PurchaseDays writes) {
        ArrayColumns.of(writes.days.entrySet()).text(e -> e.getKey().memberId()).date(e -> e.getKey().day())
                .decimal(e -> e.getValue().spend()).int8(e -> e.getValue().purchases()).update(jdbc, """
                WITH batch AS (
                    SELECT * FROM unnest(?::text[], ?::date[], ?::numeric[], ?::int[]) AS b(member_id, day, spend, purchases)),
                days AS (
                    INSERT INTO member_purchase_day (member_id, day, spend, purchases)
                    SELECT member_id, day, spend, purchases FROM batch
                    ON CONFLICT (member_id, day) DO UPDATE
                       SET spend = member_purchase_day.spend + excluded.spend,
                           purchases = member_purchase_day.purchases + excluded.purchases
                    RETURNING member_id, day, spend AS day_spend, purchases AS day_purchases),
                added AS (
                    SELECT d.member_id, d.day, d.day_spend, b.spend, d.day_purchases = b.purchases AS new_day
                      FROM days d JOIN batch b ON b.member_id = d.member_id AND b.day = d.day)
                INSERT INTO member_purchase_stats (member_id, first_day, last_day, purchase_days, total_spend, first_day_spend)
                SELECT member_id, min(day), max(day), count(*) FILTER (WHERE new_day), sum(spend),
                       (array_agg(day_spend ORDER BY day))[1]
                  FROM added GROUP BY member_id
                ON CONFLICT (member_id) DO UPDATE
                   SET first_day = least(member_purchase_stats.first_day, excluded.first_day),
                       last_day = greatest(member_purchase_stats.last_day, excluded.last_day),
                       purchase_days = member_purchase_stats.purchase_days + excluded.purchase_days,
                       total_spend = member_purchase_stats.total_spend + excluded.total_spend,
                       first_day_spend = CASE WHEN excluded.first_day <= member_purchase_stats.first_day
                                              THEN excluded.first_day_spend ELSE member_purchase_stats.first_day_spend END""");
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_purchase_day, member_purchase_stats");
    }
}
