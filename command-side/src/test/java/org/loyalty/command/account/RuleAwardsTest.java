package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.rules.rule.CapUsage;
import org.loyalty.rules.rule.CapUsage.Period;

class RuleAwardsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static List<AppliedRule> gave(String ruleId, long points) {
        return List.of(new AppliedRule(ruleId, 1, points, "why"));
    }

    @Test
    void periodsAreTheCalendarsOfTheProgramsZone() {
        RuleAwards awards = new RuleAwards();
        awards.record(gave("rule-a", 10), Instant.parse("2026-03-01T23:30:00Z")); // still Sunday in UTC, Monday 2 March in Paris
        awards.record(gave("rule-a", 20), Instant.parse("2026-03-02T12:00:00Z")); // Monday 2 March
        awards.record(gave("rule-a", 40), Instant.parse("2026-02-28T12:00:00Z")); // Saturday 28 February, week 9
        awards.record(gave("rule-b", 80), Instant.parse("2026-03-02T12:00:00Z"));
        awards.record(List.of(new AppliedRule("offer:o-1", 1, 160, "a campaign's offer")), Instant.parse("2026-03-02T12:00:00Z"));

        CapUsage usage = awards.usage(Instant.parse("2026-03-02T18:00:00Z"), PARIS);

        assertThat(usage.used("rule-a", Period.DAY)).isEqualTo(30);
        assertThat(usage.used("rule-a", Period.WEEK)).isEqualTo(30);
        assertThat(usage.used("rule-a", Period.MONTH)).isEqualTo(30);
        assertThat(usage.used("rule-a", Period.LIFETIME)).isEqualTo(70);
        assertThat(usage.firings("rule-a", Period.LIFETIME)).isEqualTo(3);
        assertThat(usage.used("rule-b", Period.DAY)).isEqualTo(80);
        assertThat(usage.used("offer:o-1", Period.LIFETIME)).as("only marketers' rules are capped here").isZero();
        assertThat(usage.used("rule-none", Period.MONTH)).isZero();
        assertThat(usage.firings("rule-none", Period.MONTH)).isZero();
    }

    @Test
    void anIsoWeekSpansTheTurnOfTheYear() {
        RuleAwards awards = new RuleAwards();
        awards.record(gave("rule-a", 1), Instant.parse("2026-12-28T12:00:00Z")); // Monday of ISO week 53 of 2026
        awards.record(gave("rule-a", 2), Instant.parse("2027-01-03T12:00:00Z")); // its Sunday
        awards.record(gave("rule-a", 4), Instant.parse("2027-01-04T12:00:00Z")); // week 1 of 2027

        assertThat(awards.usage(Instant.parse("2027-01-01T12:00:00Z"), PARIS).used("rule-a", Period.WEEK)).isEqualTo(3);
        assertThat(awards.usage(Instant.parse("2027-01-01T12:00:00Z"), PARIS).used("rule-a", Period.MONTH)).isEqualTo(6);
    }

    /** The walk over every award this replaced, kept as the reference. */
    static boolean inPeriod(LocalDate awarded, LocalDate day, Period period) {
        return switch (period) {
            case DAY -> awarded.equals(day);
            case WEEK -> awarded.get(WeekFields.ISO.weekBasedYear()) == day.get(WeekFields.ISO.weekBasedYear())
                    && awarded.get(WeekFields.ISO.weekOfWeekBasedYear()) == day.get(WeekFields.ISO.weekOfWeekBasedYear());
            case MONTH -> YearMonth.from(awarded).equals(YearMonth.from(day));
            case LIFETIME -> true;
        };
    }

    @Test
    void agreesWithAWalkOverEveryAwardAcrossSummerTimeAndOutOfOrderPurchases() {
        record Award(String ruleId, Instant at, long points) {
        }
        Random random = new Random(46);
        ZoneId zone = ZoneId.of("America/New_York");
        Instant start = Instant.parse("2026-02-20T00:00:00Z");
        for (int round = 0; round < 50; round++) {
            RuleAwards awards = new RuleAwards();
            List<Award> all = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Instant at = start.plusSeconds(i * 14_400L + random.nextInt(50_000) - 40_000L);
                String ruleId = "rule-" + random.nextInt(3);
                long points = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
                awards.record(gave(ruleId, points), at);
                all.add(new Award(ruleId, at, points));
            }
            for (int q = 0; q < 30; q++) {
                Instant now = start.plusSeconds(random.nextInt(120 * 14_400));
                LocalDate day = LocalDate.ofInstant(now, zone);
                CapUsage usage = awards.usage(now, zone);
                for (Period period : Period.values()) {
                    for (String ruleId : List.of("rule-0", "rule-1", "rule-2")) {
                        List<Award> expected = all.stream().filter(a -> a.ruleId().equals(ruleId)
                                && inPeriod(LocalDate.ofInstant(a.at(), zone), day, period)).toList();
                        assertThat(usage.used(ruleId, period)).as("%s %s at %s", ruleId, period, now)
                                .isEqualTo(expected.stream().mapToLong(Award::points).sum());
                        assertThat(usage.firings(ruleId, period)).isEqualTo(expected.size());
                    }
                }
            }
        }
    }
}
