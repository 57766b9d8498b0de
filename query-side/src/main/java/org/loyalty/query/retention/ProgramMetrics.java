package org.loyalty.query.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Loyalty-program and service KPIs as pure functions. Percentages are 0-100 (NPS -100 to 100). Where a
 * figure has no denominator (no members at the start, no answers, no cases) the result is empty rather
 * than 0 or NaN: "no data" must not read as "0%".
 */
public final class ProgramMetrics {

    private ProgramMetrics() {
    }

    /**
     * A support case: opened, resolved (null while open), and how many contacts with the member it
     * took (the opening one included).
     */
    public record SupportCase(Instant openedAt, Instant resolvedAt, int contacts) {
        public SupportCase {
            Objects.requireNonNull(openedAt, "openedAt");
            if (resolvedAt != null && resolvedAt.isBefore(openedAt)) {
                throw new IllegalArgumentException("resolved before it was opened");
            }
            if (contacts < 1) {
                throw new IllegalArgumentException("a case has at least one contact, was " + contacts);
            }
        }

        public boolean isResolved() {
            return resolvedAt != null;
        }

        public Optional<Duration> timeToResolution() {
            return isResolved() ? Optional.of(Duration.between(openedAt, resolvedAt)) : Optional.empty();
        }
    }

    /**
     * Customer retention rate CRR = (E - N) / S · 100: of the S members at the start of the period, the
     * share still members at its end (E at the end, N of whom joined during it).
     */
    public static OptionalDouble customerRetentionRate(long membersAtStart, long membersAtEnd, long newMembers) {
        if (membersAtStart < 0 || membersAtEnd < 0 || newMembers < 0) {
            throw new IllegalArgumentException("member counts must be >= 0");
        }
        long retained = membersAtEnd - newMembers;
        if (retained < 0 || retained > membersAtStart) {
            throw new IllegalArgumentException("inconsistent counts: " + membersAtEnd + " at the end with "
                    + newMembers + " new leaves " + retained + " retained of " + membersAtStart);
        }
        return membersAtStart == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * retained / membersAtStart);
    }

    /** Churn rate = 100 - CRR. */
    public static OptionalDouble churnRate(long membersAtStart, long membersAtEnd, long newMembers) {
        OptionalDouble crr = customerRetentionRate(membersAtStart, membersAtEnd, newMembers);
        return crr.isPresent() ? OptionalDouble.of(100.0 - crr.getAsDouble()) : OptionalDouble.empty();
    }

    /** NPS = % promoters (9-10) - % detractors (0-6) over answers 0-10. */
    public static OptionalDouble netPromoterScore(Collection<Integer> answers) {
        requireRange(answers, 0, 10, "NPS answer");
        if (answers.isEmpty()) {
            return OptionalDouble.empty();
        }
        long promoters = answers.stream().filter(a -> a >= 9).count();
        long detractors = answers.stream().filter(a -> a <= 6).count();
        return OptionalDouble.of(100.0 * (promoters - detractors) / answers.size());
    }

    /** CSAT = % of answers that are 4 or 5 on a 1-5 scale. */
    public static OptionalDouble customerSatisfaction(Collection<Integer> answers) {
        requireRange(answers, 1, 5, "CSAT answer");
        if (answers.isEmpty()) {
            return OptionalDouble.empty();
        }
        long satisfied = answers.stream().filter(a -> a >= 4).count();
        return OptionalDouble.of(100.0 * satisfied / answers.size());
    }

    /** CES = the mean answer on a 1-7 scale. */
    public static OptionalDouble customerEffortScore(Collection<Integer> answers) {
        requireRange(answers, 1, 7, "CES answer");
        return answers.stream().mapToInt(Integer::intValue).average();
    }

    /**
     * First-contact resolution rate: % of the cases that were resolved with a single contact. Open
     * cases count in the denominator: whatever happens next, they were not resolved at the first contact.
     */
    public static OptionalDouble firstContactResolutionRate(Collection<SupportCase> cases) {
        if (cases.isEmpty()) {
            return OptionalDouble.empty();
        }
        long first = cases.stream().filter(c -> c.isResolved() && c.contacts() == 1).count();
        return OptionalDouble.of(100.0 * first / cases.size());
    }

    /** Mean time from opening to resolution over the resolved cases (open ones have no time yet). */
    public static Optional<Duration> meanTimeToResolution(Collection<SupportCase> cases) {
        List<Duration> times = resolutionTimes(cases);
        if (times.isEmpty()) {
            return Optional.empty();
        }
        Duration total = times.stream().reduce(Duration.ZERO, Duration::plus);
        return Optional.of(total.dividedBy(times.size()));
    }

    /** Median time to resolution over the resolved cases; for an even count, the mean of the middle two. */
    public static Optional<Duration> medianTimeToResolution(Collection<SupportCase> cases) {
        List<Duration> times = resolutionTimes(cases);
        int n = times.size();
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(times.get(n / 2));
        }
        return Optional.of(times.get(n / 2 - 1).plus(times.get(n / 2)).dividedBy(2));
    }

    private static List<Duration> resolutionTimes(Collection<SupportCase> cases) {
        return cases.stream().map(SupportCase::timeToResolution).flatMap(Optional::stream).sorted().toList();
    }

    private static void requireRange(Collection<Integer> answers, int min, int max, String what) {
        for (Integer a : answers) {
            if (a == null || a < min || a > max) {
                throw new IllegalArgumentException(what + " must be " + min + "-" + max + ", was " + a);
            }
        }
    }
}
