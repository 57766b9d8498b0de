package org.loyalty.api.campaign;

import java.time.Instant;

/** A campaign as marketers see it: the draft, and the definition it runs under once launched. */
public record CampaignView(String campaignId, String name, CampaignStatus status, CampaignDefinition draft, CampaignDefinition running,
                           Instant launchedAt, Instant endedAt, Instant updatedAt) {
}
