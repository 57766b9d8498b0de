package org.loyalty.api.campaign;

import java.time.Instant;

/** The facts of a campaign's life; each launch freezes the definition it runs with. */
public final class CampaignEvents {

    private CampaignEvents() {
    }

    public record CampaignDrafted(String campaignId, CampaignDefinition definition, Instant at) {
    }

    public record CampaignRevised(String campaignId, CampaignDefinition definition, Instant at) {
    }

    public record CampaignLaunched(String campaignId, CampaignDefinition definition, Instant at) {
    }

    public record CampaignPaused(String campaignId, Instant at) {
    }

    public record CampaignEnded(String campaignId, Instant at) {
    }
}
