package org.loyalty.api.campaign;

import java.time.Instant;
import java.util.Set;
import org.loyalty.api.offer.OfferTerms;

/**
 * A retention campaign as the marketer defines it.
 *
 * @param audience         CEL over the member's insights ({@code member.segment == "At Risk" && member.clv > 100.0})
 * @param offer            what a member of the audience is offered
 * @param offerValidDays   how long an issued offer can be used
 * @param validFrom        the campaign issues offers from (null: from launch)
 * @param validTo          ... until (null: until ended)
 * @param frequencyCapDays a member gets at most one offer of this campaign in this many days
 * @param budgetPoints     the points the campaign's offers may pay out in all (null: no budget)
 * @param holdoutPercent   this share of the qualifying members (0-90) is held out as the control group
 * @param triggers         events after which the campaign is evaluated for the member at once, besides the schedule
 * @param playbook         the template it was made from, if any
 */
public record CampaignDefinition(
        String name,
        String audience,
        OfferTerms offer,
        int offerValidDays,
        Instant validFrom,
        Instant validTo,
        int frequencyCapDays,
        Long budgetPoints,
        int holdoutPercent,
        Set<Trigger> triggers,
        String playbook) {

    public CampaignDefinition {
        triggers = triggers == null ? Set.of() : Set.copyOf(triggers);
    }

    /** Member events after which live campaigns are evaluated for that member. */
    public enum Trigger {
        PURCHASE,
        TICKET_RESOLVED,
        TIER_CHANGED,
        ENROLLED
    }
}
