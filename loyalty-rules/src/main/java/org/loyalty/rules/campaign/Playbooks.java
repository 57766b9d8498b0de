package org.loyalty.rules.campaign;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.campaign.CampaignDefinition.Trigger;
import org.loyalty.api.offer.OfferTerms;

/**
 * Ready-made campaigns a marketer starts from (and may change before launching): each is an ordinary
 * campaign whose audience is CEL over the member's insights.
 */
public final class Playbooks {

    public static final String WIN_BACK = "WIN_BACK";
    public static final String VIP_SURPRISE = "VIP_SURPRISE";
    public static final String BIRTHDAY = "BIRTHDAY";
    public static final String GOODWILL = "GOODWILL";
    public static final String SECOND_PURCHASE = "SECOND_PURCHASE";

    private Playbooks() {
    }

    /** Every playbook by name, in the order a marketer would look at them. */
    public static Map<String, CampaignDefinition> all() {
        Map<String, CampaignDefinition> out = new LinkedHashMap<>();
        // Valuable members slipping away: likely gone, or long quiet, yet worth a lot.
        out.put(WIN_BACK, new CampaignDefinition("Win back valuable members at risk",
                "(member.p_alive < 0.5 || member.segment in [\"At Risk\", \"Can't Lose Them\"]) && member.clv >= 50",
                OfferTerms.multiplier(new BigDecimal("3"), 14), 21, null, null, 60, null, 10,
                Set.of(Trigger.PURCHASE), WIN_BACK));
        out.put(VIP_SURPRISE, new CampaignDefinition("VIP surprise gift",
                "member.segment == \"Champions\" || member.tier == \"RESERVE\"",
                OfferTerms.freeReward("R200"), 30, null, null, 180, null, 10, Set.of(Trigger.TIER_CHANGED), VIP_SURPRISE));
        out.put(BIRTHDAY, new CampaignDefinition("Birthday month double points",
                "member.birthday_month == now.getMonth() + 1",
                OfferTerms.multiplier(new BigDecimal("2"), 30), 30, null, null, 300, null, 0, Set.of(), BIRTHDAY));
        out.put(GOODWILL, new CampaignDefinition("Goodwill after a resolved complaint",
                "member.days_since_complaint_resolved >= 0 && member.days_since_complaint_resolved <= 7",
                OfferTerms.bonusOnNextPurchase(100, BigDecimal.ZERO), 30, null, null, 30, null, 0,
                Set.of(Trigger.TICKET_RESOLVED), GOODWILL));
        out.put(SECOND_PURCHASE, new CampaignDefinition("Second-purchase nudge for new members",
                "member.purchase_days == 1 && member.days_since_last_purchase >= 7 && member.days_since_enrollment <= 60",
                OfferTerms.bonusOnNextPurchase(50, new BigDecimal("5.00")), 14, null, null, 60, null, 10,
                Set.of(Trigger.PURCHASE), SECOND_PURCHASE));
        return out;
    }
}
