package org.loyalty.api.campaign;

/** The marketer's commands on a campaign (records nested here: they are small and always used together). */
public final class CampaignCommands {

    private CampaignCommands() {
    }

    public record DraftCampaign(String campaignId, CampaignDefinition definition) {
    }

    public record ReviseCampaign(String campaignId, CampaignDefinition definition) {
    }

    public record LaunchCampaign(String campaignId) {
    }

    public record PauseCampaign(String campaignId) {
    }

    public record EndCampaign(String campaignId) {
    }
}
