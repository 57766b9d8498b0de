package org.loyalty.api.campaign;

/** What a campaign command answers. */
public record CampaignState(String campaignId, CampaignStatus status) {
}
