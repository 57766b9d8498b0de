package org.loyalty.rules.campaign;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.rules.validation.Violations;

/** Whether a campaign can be saved: a name, an offer that makes sense, sane limits, and an audience that compiles. */
public final class CampaignValidator {

    static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;
    static final long MAX_BONUS = 1_000_000;
    static final int MAX_DAYS = 366;
    static final int MAX_HOLDOUT = 90;

    private final AudienceConditions audiences;

    public CampaignValidator(AudienceConditions audiences) {
        this.audiences = audiences;
    }

    public List<Violation> violations(CampaignDefinition definition) {
        Violations v = new Violations();
        if (definition == null) {
            return v.add("definition", "is required").list();
        }
        v.requireText("name", definition.name(), 200);
        checkOffer(v, definition.offer());
        if (definition.offerValidDays() < 1 || definition.offerValidDays() > MAX_DAYS) {
            v.add("offerValidDays", "must be between 1 and " + MAX_DAYS);
        }
        if (definition.frequencyCapDays() < 1 || definition.frequencyCapDays() > MAX_DAYS) {
            v.add("frequencyCapDays", "must be between 1 and " + MAX_DAYS);
        }
        if (definition.holdoutPercent() < 0 || definition.holdoutPercent() > MAX_HOLDOUT) {
            v.add("holdoutPercent", "must be between 0 and " + MAX_HOLDOUT);
        }
        if (definition.budgetPoints() != null && definition.budgetPoints() <= 0) {
            v.add("budgetPoints", "must be positive");
        }
        if (definition.validFrom() != null && definition.validTo() != null && !definition.validTo().isAfter(definition.validFrom())) {
            v.add("validTo", "must be after validFrom");
        }
        List<Violation> found = v.list();
        try {
            audiences.compile("audience", definition.audience());
        } catch (InvalidRequestException e) {
            return Stream.concat(found.stream(), e.violations().stream()).toList();
        }
        return found;
    }

    private static void checkOffer(Violations v, OfferTerms offer) {
        if (offer == null || offer.type() == null) {
            v.add("offer.type", "is required: POINTS_MULTIPLIER, BONUS_ON_NEXT_PURCHASE or FREE_REWARD");
            return;
        }
        switch (offer.type()) {
            case POINTS_MULTIPLIER -> {
                if (offer.multiplier() == null || offer.multiplier().compareTo(BigDecimal.ONE) <= 0
                        || offer.multiplier().compareTo(MAX_MULTIPLIER) > 0) {
                    v.add("offer.multiplier", "must be greater than 1 and at most " + MAX_MULTIPLIER);
                }
                if (offer.days() == null || offer.days() < 1 || offer.days() > MAX_DAYS) {
                    v.add("offer.days", "must be between 1 and " + MAX_DAYS);
                }
            }
            case BONUS_ON_NEXT_PURCHASE -> {
                if (offer.bonusPoints() == null || offer.bonusPoints() < 1 || offer.bonusPoints() > MAX_BONUS) {
                    v.add("offer.bonusPoints", "must be between 1 and " + MAX_BONUS);
                }
                if (offer.minimumSpend() == null || offer.minimumSpend().signum() < 0) {
                    v.add("offer.minimumSpend", "must be 0 or more");
                }
            }
            case FREE_REWARD -> v.requireId("offer.rewardId", offer.rewardId());
        }
    }
}
