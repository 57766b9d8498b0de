package org.loyalty.command.account;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.loyalty.api.offer.OfferTerms;

/**
 * The member's campaign offers, as the account's events record them: which were issued or held out
 * (so a campaign never gives the same period twice), which are activated, used, or over.
 *
 * <p>An offer applies once activated: a multiplier to the purchases of the {@code days} after
 * activation, a bonus to the next purchase of at least the minimum spend before the offer expires.
 */
final class MemberOffers {

    /** One issued offer and where it stands. */
    record Offer(String offerId, String campaignId, String campaignName, OfferTerms terms, Instant issuedAt, Instant expiresAt,
                 Long budgetPoints, Instant activatedAt, boolean used, boolean over) {

        Offer activated(Instant at) {
            return new Offer(offerId, campaignId, campaignName, terms, issuedAt, expiresAt, budgetPoints, at, used, over);
        }

        Offer usedUp() {
            return new Offer(offerId, campaignId, campaignName, terms, issuedAt, expiresAt, budgetPoints, activatedAt, true, over);
        }

        Offer ended() {
            return new Offer(offerId, campaignId, campaignName, terms, issuedAt, expiresAt, budgetPoints, activatedAt, used, true);
        }

        /** When the offer stops applying: its expiry, or for an activated multiplier the end of its window. */
        Instant endsAt() {
            if (activatedAt != null && terms.type() == OfferTerms.Type.POINTS_MULTIPLIER) {
                return activatedAt.plus(Duration.ofDays(terms.days()));
            }
            return expiresAt;
        }

        boolean open() {
            return !used && !over;
        }
    }

    /** Points an offer adds to one purchase. */
    record Payout(Offer offer, long points) {
    }

    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, Instant> holdouts = new HashMap<>();
    private final Map<String, Instant> lastGivenByCampaign = new HashMap<>();
    private final java.util.Set<String> deliveries = new java.util.HashSet<>();

    boolean delivered(String offerId, String channel) {
        return deliveries.contains(offerId + "|" + channel);
    }

    void recordDelivery(String offerId, String channel) {
        deliveries.add(offerId + "|" + channel);
    }

    boolean given(String offerId) {
        return offers.containsKey(offerId) || holdouts.containsKey(offerId);
    }

    /** Whether the campaign gave (or held out) something within the last {@code days} days. */
    boolean withinFrequencyCap(String campaignId, int days, Instant now) {
        Instant last = lastGivenByCampaign.get(campaignId);
        return last != null && last.plus(Duration.ofDays(days)).isAfter(now);
    }

    Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }

    /** What the open, activated offers add to a purchase at {@code at} earning {@code basePoints}. */
    List<Payout> payouts(Instant at, long basePoints, BigDecimal netTotal) {
        List<Payout> out = new ArrayList<>();
        for (Offer offer : offers.values()) {
            if (!offer.open() || offer.activatedAt() == null || at.isBefore(offer.activatedAt()) || !at.isBefore(offer.endsAt())) {
                continue;
            }
            OfferTerms terms = offer.terms();
            switch (terms.type()) {
                case POINTS_MULTIPLIER -> out.add(new Payout(offer, BigDecimal.valueOf(basePoints)
                        .multiply(terms.multiplier().subtract(BigDecimal.ONE)).setScale(0, RoundingMode.FLOOR).longValueExact()));
                case BONUS_ON_NEXT_PURCHASE -> {
                    if (netTotal.compareTo(terms.minimumSpend()) >= 0) {
                        out.add(new Payout(offer, terms.bonusPoints()));
                    }
                }
                case FREE_REWARD -> {
                    // paid out on activation
                }
            }
        }
        return out;
    }

    /** Open offers whose time is up at {@code now}. */
    List<Offer> dueToEnd(Instant now) {
        return offers.values().stream().filter(o -> o.open() && !o.endsAt().isAfter(now)).toList();
    }

    Optional<Instant> nextEnd() {
        return offers.values().stream().filter(Offer::open).map(Offer::endsAt).filter(Objects::nonNull).min(Instant::compareTo);
    }

    // ---- recorded from the events ----

    void issued(Offer offer) {
        offers.put(offer.offerId(), offer);
        lastGivenByCampaign.merge(offer.campaignId(), offer.issuedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }

    void heldOut(String offerId, String campaignId, Instant at) {
        holdouts.put(offerId, at);
        lastGivenByCampaign.merge(campaignId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    void activated(String offerId, Instant at) {
        offers.computeIfPresent(offerId, (id, o) -> o.activated(at));
    }

    /** Single-use offers are used up by their payout; a multiplier pays on every purchase of its window. */
    void redeemed(String offerId) {
        offers.computeIfPresent(offerId, (id, o) -> o.terms().type() == OfferTerms.Type.POINTS_MULTIPLIER ? o : o.usedUp());
    }

    void ended(String offerId) {
        offers.computeIfPresent(offerId, (id, o) -> o.ended());
    }
}
