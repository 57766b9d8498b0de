package org.loyalty.api.campaign;

public enum CampaignStatus {
    DRAFT,
    LIVE,
    PAUSED,
    ENDED
}
