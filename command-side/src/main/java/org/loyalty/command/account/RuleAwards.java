package org.loyalty.command.account;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.command.rule.RuleCommandHandler;
import org.loyalty.rules.rule.CapUsage;

/**
 * The points (and rewards: an award of 0 points is a reward the rule issued) each marketer's rule gave
 * this member, dated by purchase, for the rules' per-member caps.
 *
 * <p>Each rule's awards are a {@link DatedLog}: a cap asks for one calendar period, found by binary search, so a
 * purchase's cap checks cost what the period holds, not the member's whole history (bench/NOTES.md item 46).
 */
final class RuleAwards {

    private final Map<String, DatedLog> byRule = new HashMap<>();

    void record(List<AppliedRule> applied, Instant at) {
        for (AppliedRule rule : applied) {
            if (rule.ruleId().startsWith(RuleCommandHandler.RULE_ID_PREFIX)) {
                byRule.computeIfAbsent(rule.ruleId(), id -> new DatedLog()).add(at, rule.points());
            }
        }
    }

    /** Usage in the calendar day, ISO week and month (in {@code zone}) that contain {@code at}, and in all. */
    CapUsage usage(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return new CapUsage() {
            @Override
            public long used(String ruleId, Period period) {
                return measured(ruleId, period, DatedLog::total, DatedLog::sum);
            }

            @Override
            public long firings(String ruleId, Period period) {
                return measured(ruleId, period, DatedLog::size, DatedLog::count);
            }

            /** One measure of a rule's awards: over all of them, kept as it goes, or over the period's window. */
            private long measured(String ruleId, Period period, ToLongFunction<DatedLog> whole, WindowMeasure inWindow) {
                DatedLog awards = byRule.get(ruleId);
                if (awards == null) {
                    return 0;
                }
                if (period == Period.LIFETIME) {
                    return whole.applyAsLong(awards);
                }
                Window window = Window.of(day, period, zone);
                return inWindow.of(awards, window.from(), window.until());
            }
        };
    }

    /** A sum or a count of a log's entries in [{@code from}, {@code until}). */
    @FunctionalInterface
    private interface WindowMeasure {
        long of(DatedLog awards, Instant from, Instant until);
    }

    /** A calendar period in the zone, as instants: [{@code from}, {@code until}). */
    private record Window(Instant from, Instant until) {

        /** The day, ISO week (from Monday) or month that contains {@code day}. */
        static Window of(LocalDate day, CapUsage.Period period, ZoneId zone) {
            LocalDate first = switch (period) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
                case LIFETIME -> throw new IllegalArgumentException("a lifetime is not a calendar period");
            };
            LocalDate next = switch (period) {
                case DAY -> first.plusDays(1);
                case WEEK -> first.plusWeeks(1);
                default -> first.plusMonths(1);
            };
            return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
        }
    }

    // Field by field, for Axon's fixtures, which compare the account built by the command with the one its events rebuild.
    @Override
    public boolean equals(Object other) {
        return other instanceof RuleAwards that && byRule.equals(that.byRule);
    }

    @Override
    public int hashCode() {
        return byRule.hashCode();
    }
}
