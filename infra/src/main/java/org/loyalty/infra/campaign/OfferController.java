package org.loyalty.infra.campaign;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.offer.MemberOfferView;
import org.loyalty.api.offer.OfferCommands.ActivateOffer;
import org.loyalty.api.offer.OfferCommands.ViewOffer;
import org.loyalty.infra.web.Commands;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.campaign.CampaignReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A member's personal offers, for the app: list them, report one viewed, activate one. */
@RestController
@RequestMapping("/api/v1/members/{memberId}/offers")
@Tag(name = "Offers")
class OfferController {

    private final Commands commands;
    private final CampaignReader offers;
    private final AccountReader accounts;

    OfferController(Commands commands, CampaignReader offers, AccountReader accounts) {
        this.commands = commands;
        this.offers = offers;
        this.accounts = accounts;
    }

    @Operation(summary = "The member's offers")
    @GetMapping
    Mono<List<MemberOfferView>> offers(@PathVariable String memberId) {
        return accounts.exists(memberId)
                .flatMap(known -> known ? offers.offers(memberId) : Mono.error(new UnknownMemberException(memberId)));
    }

    @Operation(summary = "Activate an offer")
    @PostMapping("/{offerId}/activate")
    Mono<Void> activate(@PathVariable String memberId, @PathVariable String offerId) {
        return commands.send(new ActivateOffer(memberId, offerId)).then();
    }

    @Operation(summary = "Mark an offer as viewed")
    @PostMapping("/{offerId}/view")
    Mono<Void> view(@PathVariable String memberId, @PathVariable String offerId) {
        return commands.send(new ViewOffer(memberId, offerId)).then();
    }
}
