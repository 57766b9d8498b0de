package org.loyalty.command.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.command.rule.RuleCommandHandler;
import org.loyalty.rules.rule.CapUsage;

/**
 * The points (and rewards: an award of 0 points is a reward the rule issued) each marketer's rule gave
 * this member, dated by purchase, for the rules' per-member caps.
 */
final class RuleAwards {

    private record Award(String ruleId, Instant at, long points) {
    }

    private final List<Award> awards = new ArrayList<>();

    void record(List<AppliedRule> applied, Instant at) {
        applied.stream()
                .filter(rule -> rule.ruleId().startsWith(RuleCommandHandler.RULE_ID_PREFIX))
                .forEach(rule -> awards.add(new Award(rule.ruleId(), at, rule.points())));
    }

    /** Usage in the calendar day, ISO week and month (in {@code zone}) that contain {@code at}, and in all. */
    CapUsage usage(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return new CapUsage() {
            @Override
            public long used(String ruleId, Period period) {
                return of(ruleId, period).mapToLong(Award::points).sum();
            }

            @Override
            public long firings(String ruleId, Period period) {
                return of(ruleId, period).count();
            }

            private java.util.stream.Stream<Award> of(String ruleId, Period period) {
                return awards.stream().filter(a -> a.ruleId().equals(ruleId) && inPeriod(LocalDate.ofInstant(a.at(), zone), day, period));
            }
        };
    }

    private static boolean inPeriod(LocalDate awarded, LocalDate day, CapUsage.Period period) {
        return switch (period) {
            case DAY -> awarded.equals(day);
            case WEEK -> awarded.get(WeekFields.ISO.weekBasedYear()) == day.get(WeekFields.ISO.weekBasedYear())
                    && awarded.get(WeekFields.ISO.weekOfWeekBasedYear()) == day.get(WeekFields.ISO.weekOfWeekBasedYear());
            case MONTH -> YearMonth.from(awarded).equals(YearMonth.from(day));
            case LIFETIME -> true;
        };
    }
}
