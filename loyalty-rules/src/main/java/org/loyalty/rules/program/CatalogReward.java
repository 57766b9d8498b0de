package org.loyalty.rules.program;

/** A reward members can buy with points. */
public record CatalogReward(String id, String name, long points) {

    public CatalogReward {
        if (points <= 0) {
            throw new IllegalArgumentException("reward " + id + " must cost points");
        }
    }
}
