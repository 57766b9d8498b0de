package org.loyalty.query.retention;

/** One member's RFM quintile scores, each 1 (worst fifth of the population) to 5 (best fifth). */
public record RfmScore(int recency, int frequency, int monetary) {

    public RfmScore {
        requireScore("recency", recency);
        requireScore("frequency", frequency);
        requireScore("monetary", monetary);
    }

    static void requireScore(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1-5, was " + score);
        }
    }

    /**
     * The combined FM score used by (R, FM) segment maps: the mean of F and M rounded half up, so that
     * it is again a score 1-5 ((4, 5) gives 5, (1, 2) gives 2).
     */
    public int frequencyMonetary() {
        return (frequency + monetary + 1) / 2;
    }
}
