package org.loyalty.query.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A churn-risk score from 0 (no sign of churn) to 100, with the reasons behind it.
 *
 * <p>The purchase model's 1 - P(alive) says how likely the member has already stopped buying; service
 * signals (open complaints, unresolved support tickets, a detractor NPS answer) are signs that they
 * are about to. The signals are combined as a "noisy OR": each is read as an independent chance of
 * churning, and the score is the chance that at least one of them leads to it,
 * <pre>
 *   risk  = 1 - (1 - w_inactive · (1 - P(alive))) · (1 - w_complaint)^complaints
 *               · (1 - w_ticket)^tickets · (1 - w_detractor)^[latest NPS answer in the window is 0-6]
 *   score = round(100 · risk)
 * </pre>
 * Why this form rather than a capped weighted sum: it stays within 0-100 without clipping, every
 * signal can only raise the score, each further complaint adds less than the one before, and with the
 * default w_inactive = 1 and no service signals the score is exactly 100 · (1 - P(alive)).
 *
 * <p>Only the member's latest NPS answer inside the window counts: a promoter answer after a
 * detractor one means the issue was put right.
 */
public final class ChurnRisk {

    /**
     * Weights, each a probability in [0, 1], and the NPS window.
     *
     * @param inactive w_inactive, applied to 1 - P(alive)
     * @param perOpenComplaint w_complaint, per open complaint
     * @param perUnresolvedTicket w_ticket, per unresolved support ticket
     * @param detractor w_detractor, when the latest NPS answer in the window is 0-6
     * @param detractorWindowDays N: NPS answers older than N days before the assessment are ignored
     */
    public record Weights(double inactive, double perOpenComplaint, double perUnresolvedTicket, double detractor,
            int detractorWindowDays) {

        public Weights {
            requireProbability("inactive", inactive);
            requireProbability("perOpenComplaint", perOpenComplaint);
            requireProbability("perUnresolvedTicket", perUnresolvedTicket);
            requireProbability("detractor", detractor);
            if (detractorWindowDays < 1) {
                throw new IllegalArgumentException("detractorWindowDays must be >= 1, was " + detractorWindowDays);
            }
        }

        /**
         * 1.0, 0.15, 0.10, 0.20 and 90 days: with P(alive) 1, one open complaint alone gives 15, two
         * give 28, a detractor answer 20, and a complaint, a ticket and a detractor answer together 39.
         */
        public static Weights defaults() {
            return new Weights(1.0, 0.15, 0.10, 0.20, 90);
        }

        private static void requireProbability(String name, double w) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException(name + " weight must lie in [0, 1], was " + w);
            }
        }
    }

    /** One NPS answer, 0-10. */
    public record NpsAnswer(int score, Instant answeredAt) {
        public NpsAnswer {
            if (score < 0 || score > 10) {
                throw new IllegalArgumentException("NPS answer must be 0-10, was " + score);
            }
            Objects.requireNonNull(answeredAt, "answeredAt");
        }

        public boolean isDetractor() {
            return score <= 6;
        }
    }

    /** What is known about a member when assessing them. */
    public record Signals(double pAlive, int openComplaints, int unresolvedTickets, List<NpsAnswer> npsAnswers) {
        public Signals {
            if (!(pAlive >= 0 && pAlive <= 1)) {
                throw new IllegalArgumentException("pAlive must lie in [0, 1], was " + pAlive);
            }
            if (openComplaints < 0 || unresolvedTickets < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
            npsAnswers = List.copyOf(npsAnswers);
        }
    }

    /** The score, 0-100, and one human-readable reason per signal that raised it. */
    public record Assessment(int score, List<String> reasons) {
        public Assessment {
            reasons = List.copyOf(reasons);
        }
    }

    private final Weights weights;

    public ChurnRisk(Weights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    public ChurnRisk() {
        this(Weights.defaults());
    }

    public Weights weights() {
        return weights;
    }

    /** Assesses a member as of {@code asOf} (NPS answers after it are ignored as well). */
    public Assessment assess(Signals signals, Instant asOf) {
        List<String> reasons = new ArrayList<>();
        double stays = 1.0;

        double inactive = weights.inactive() * (1 - signals.pAlive());
        if (inactive > 0) {
            stays *= 1 - inactive;
            reasons.add(String.format(Locale.ROOT, "P(alive) %.2f", signals.pAlive()));
        }
        if (signals.openComplaints() > 0 && weights.perOpenComplaint() > 0) {
            stays *= Math.pow(1 - weights.perOpenComplaint(), signals.openComplaints());
            reasons.add(count(signals.openComplaints(), "open complaint"));
        }
        if (signals.unresolvedTickets() > 0 && weights.perUnresolvedTicket() > 0) {
            stays *= Math.pow(1 - weights.perUnresolvedTicket(), signals.unresolvedTickets());
            reasons.add(count(signals.unresolvedTickets(), "unresolved support ticket"));
        }
        Optional<NpsAnswer> latest = latestNpsAnswer(signals.npsAnswers(), asOf);
        if (latest.isPresent() && latest.get().isDetractor() && weights.detractor() > 0) {
            stays *= 1 - weights.detractor();
            reasons.add("detractor NPS " + latest.get().score() + " in the last " + weights.detractorWindowDays()
                    + " days");
        }
        int score = (int) Math.round(100 * (1 - stays));
        return new Assessment(Math.max(0, Math.min(100, score)), reasons);
    }

    private Optional<NpsAnswer> latestNpsAnswer(List<NpsAnswer> answers, Instant asOf) {
        Instant from = asOf.minus(Duration.ofDays(weights.detractorWindowDays()));
        return answers.stream()
                .filter(a -> !a.answeredAt().isBefore(from) && !a.answeredAt().isAfter(asOf))
                .max(Comparator.comparing(NpsAnswer::answeredAt));
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
