package org.loyalty.command.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.campaign.CampaignEvents.CampaignDrafted;
import org.loyalty.api.campaign.CampaignEvents.CampaignEnded;
import org.loyalty.api.campaign.CampaignEvents.CampaignLaunched;
import org.loyalty.api.campaign.CampaignEvents.CampaignPaused;
import org.loyalty.api.campaign.CampaignEvents.CampaignRevised;
import org.loyalty.api.campaign.CampaignState;
import org.loyalty.api.campaign.CampaignStatus;
import org.loyalty.api.error.RuleViolationException;

/**
 * A retention campaign, event-sourced so that every change is audited: drafted, revised, launched
 * (with the definition it runs under), paused and launched again, ended for good.
 */
public class Campaign {

    @AggregateIdentifier
    private String campaignId;
    private CampaignStatus status;

    protected Campaign() {
    }

    public Campaign(String campaignId, CampaignDefinition definition, Instant now) {
        apply(new CampaignDrafted(campaignId, definition, now));
    }

    private CampaignDefinition draft;

    public CampaignState revise(CampaignDefinition definition, Instant now) {
        requireNotEnded("revised");
        apply(new CampaignRevised(campaignId, definition, now));
        return state();
    }

    /** Launching a live campaign again changes nothing; a paused one resumes with the current draft. */
    public CampaignState launch(Instant now) {
        requireNotEnded("launched");
        if (status != CampaignStatus.LIVE) {
            apply(new CampaignLaunched(campaignId, draft, now));
        }
        return state();
    }

    public CampaignState pause(Instant now) {
        requireNotEnded("paused");
        if (status != CampaignStatus.LIVE) {
            throw new RuleViolationException("status", "only a live campaign can be paused; campaign " + campaignId + " is " + status);
        }
        apply(new CampaignPaused(campaignId, now));
        return state();
    }

    /** Ending twice changes nothing. */
    public CampaignState end(Instant now) {
        if (status != CampaignStatus.ENDED) {
            apply(new CampaignEnded(campaignId, now));
        }
        return state();
    }

    public CampaignState state() {
        return new CampaignState(campaignId, status);
    }

    private void requireNotEnded(String action) {
        if (status == CampaignStatus.ENDED) {
            throw new RuleViolationException("status", "campaign " + campaignId + " has ended and cannot be " + action);
        }
    }

    @EventSourcingHandler
    void on(CampaignDrafted event) {
        campaignId = event.campaignId();
        draft = event.definition();
        status = CampaignStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignRevised event) {
        draft = event.definition();
    }

    @EventSourcingHandler
    void on(CampaignLaunched event) {
        status = CampaignStatus.LIVE;
    }

    @EventSourcingHandler
    void on(CampaignPaused event) {
        status = CampaignStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(CampaignEnded event) {
        status = CampaignStatus.ENDED;
    }
}
