package org.loyalty.infra.campaign;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.campaign.CampaignCommands.DraftCampaign;
import org.loyalty.api.campaign.CampaignCommands.EndCampaign;
import org.loyalty.api.campaign.CampaignCommands.LaunchCampaign;
import org.loyalty.api.campaign.CampaignCommands.PauseCampaign;
import org.loyalty.api.campaign.CampaignCommands.ReviseCampaign;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.campaign.CampaignResults;
import org.loyalty.api.campaign.CampaignState;
import org.loyalty.api.campaign.CampaignView;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.command.campaign.CampaignCommandHandler;
import org.loyalty.infra.web.Commands;
import org.loyalty.query.campaign.CampaignReader;
import org.loyalty.rules.campaign.Playbooks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Marketers' retention campaigns: draft (from scratch or a playbook), launch, pause, end, evaluate, and their results. */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns")
class CampaignController {

    private final Commands commands;
    private final CampaignReader reader;
    private final CampaignEvaluator evaluator;

    CampaignController(Commands commands, CampaignReader reader, CampaignEvaluator evaluator) {
        this.commands = commands;
        this.reader = reader;
        this.evaluator = evaluator;
    }

    @Operation(summary = "Campaign playbooks")
    @GetMapping("/playbooks")
    Map<String, CampaignDefinition> playbooks() {
        return Playbooks.all();
    }

    /** A draft made from a playbook, to change (PUT) and launch. */
    @Operation(summary = "Draft a campaign from a playbook")
    @PostMapping("/playbooks/{name}")
    Mono<ResponseEntity<CampaignState>> fromPlaybook(@PathVariable String name) {
        CampaignDefinition template = Playbooks.all().get(name);
        if (template == null) {
            return Mono.error(new NotFoundException("name", "no playbook " + name + "; there are " + Playbooks.all().keySet()));
        }
        return draft(template);
    }

    @Operation(summary = "Draft a campaign")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignState>> draft(@RequestBody CampaignDefinition definition) {
        String campaignId = CampaignCommandHandler.CAMPAIGN_ID_PREFIX + UUID.randomUUID();
        return commands.<CampaignState>send(new DraftCampaign(campaignId, definition))
                .map(state -> ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaignId)).body(state));
    }

    @Operation(summary = "Revise a draft campaign")
    @PutMapping(path = "/{campaignId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<CampaignState> revise(@PathVariable String campaignId, @RequestBody CampaignDefinition definition) {
        return commands.send(new ReviseCampaign(campaignId, definition));
    }

    @Operation(summary = "Launch a campaign")
    @PostMapping("/{campaignId}/launch")
    Mono<CampaignState> launch(@PathVariable String campaignId) {
        return commands.send(new LaunchCampaign(campaignId));
    }

    @Operation(summary = "Pause a campaign")
    @PostMapping("/{campaignId}/pause")
    Mono<CampaignState> pause(@PathVariable String campaignId) {
        return commands.send(new PauseCampaign(campaignId));
    }

    @Operation(summary = "End a campaign")
    @PostMapping("/{campaignId}/end")
    Mono<CampaignState> end(@PathVariable String campaignId) {
        return commands.send(new EndCampaign(campaignId));
    }

    @Operation(summary = "All campaigns")
    @GetMapping
    Mono<List<CampaignView>> campaigns() {
        return reader.campaigns();
    }

    @Operation(summary = "One campaign")
    @GetMapping("/{campaignId}")
    Mono<CampaignView> campaign(@PathVariable String campaignId) {
        return reader.campaign(campaignId).switchIfEmpty(Mono.error(() -> new NotFoundException("campaignId", "no campaign " + campaignId)));
    }

    @Operation(summary = "Campaign results: offered against holdout")
    @GetMapping("/{campaignId}/results")
    Mono<CampaignResults> results(@PathVariable String campaignId) {
        return reader.results(campaignId).switchIfEmpty(Mono.error(() -> new NotFoundException("campaignId", "no campaign " + campaignId)));
    }

    /** Runs every live campaign over every member now, instead of waiting for the schedule. */
    @Operation(summary = "Evaluate every live campaign now")
    @PostMapping("/evaluate")
    Mono<CampaignEvaluator.Summary> evaluate() {
        return Mono.fromCallable(evaluator::evaluateEveryone).subscribeOn(Schedulers.boundedElastic());
    }
}
