package org.loyalty.command.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.campaign.CampaignCommands.DraftCampaign;
import org.loyalty.api.campaign.CampaignCommands.EndCampaign;
import org.loyalty.api.campaign.CampaignCommands.LaunchCampaign;
import org.loyalty.api.campaign.CampaignCommands.PauseCampaign;
import org.loyalty.api.campaign.CampaignCommands.ReviseCampaign;
import org.loyalty.api.campaign.CampaignState;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.command.NewAggregates;
import org.loyalty.rules.campaign.CampaignValidator;

/** The marketer's commands on campaigns. Every definition is validated, its audience compiled, before it is stored. */
public final class CampaignCommandHandler {

    public static final String CAMPAIGN_ID_PREFIX = "campaign-";

    private final Repository<Campaign> campaigns;
    private final CampaignValidator validator;
    private final Clock clock;

    public CampaignCommandHandler(Repository<Campaign> campaigns, CampaignValidator validator, Clock clock) {
        this.campaigns = campaigns;
        this.validator = validator;
        this.clock = clock;
    }

    @CommandHandler
    public CampaignState handle(DraftCampaign command) {
        InvalidRequestException.throwIfAny(validator.violations(command.definition()));
        return NewAggregates.create(campaigns, () -> new Campaign(command.campaignId(), command.definition(), clock.instant()),
                "campaign " + command.campaignId()).invoke(Campaign::state);
    }

    @CommandHandler
    public CampaignState handle(ReviseCampaign command) {
        InvalidRequestException.throwIfAny(validator.violations(command.definition()));
        return update(command.campaignId(), (campaign, now) -> campaign.revise(command.definition(), now));
    }

    @CommandHandler
    public CampaignState handle(LaunchCampaign command) {
        return update(command.campaignId(), Campaign::launch);
    }

    @CommandHandler
    public CampaignState handle(PauseCampaign command) {
        return update(command.campaignId(), Campaign::pause);
    }

    @CommandHandler
    public CampaignState handle(EndCampaign command) {
        return update(command.campaignId(), Campaign::end);
    }

    private CampaignState update(String campaignId, BiFunction<Campaign, Instant, CampaignState> change) {
        // Campaign ids carry their own prefix: a member's or a rule's id must never load as a campaign.
        if (campaignId == null || !campaignId.startsWith(CAMPAIGN_ID_PREFIX)) {
            throw new NotFoundException("campaignId", "no campaign " + campaignId);
        }
        try {
            return campaigns.load(campaignId).invoke(campaign -> change.apply(campaign, clock.instant()));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("campaignId", "no campaign " + campaignId);
        }
    }
}
