package org.loyalty.infra.redemption;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.redemption.CancelRedemption;
import org.loyalty.api.redemption.RedeemReward;
import org.loyalty.api.redemption.RedemptionReceipt;
import org.loyalty.infra.web.Commands;
import org.loyalty.infra.web.IdempotentResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spending points on a catalog reward ({@code POST /api/v1/members/{id}/redemptions}) and the POS
 * undoing it ({@code POST .../redemptions/{redemptionId}/cancel}).
 */
@RestController
@RequestMapping("/api/v1/members/{memberId}/redemptions")
@Tag(name = "Redemptions")
class RedemptionController {

    private final Commands commands;

    RedemptionController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Redeem a reward")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Redemption>> redeem(@PathVariable String memberId, @RequestBody RedemptionRequest request) {
        return commands.<RedemptionReceipt>send(new RedeemReward(memberId, request.rewardId(), request.idempotencyKey()))
                .map(r -> IdempotentResponses.created(Redemption.of(r), r.replayed()));
    }

    @Operation(summary = "Cancel a redemption (the points go back)")
    @PostMapping(path = "/{redemptionId}/cancel")
    Mono<ResponseEntity<Redemption>> cancel(@PathVariable String memberId, @PathVariable String redemptionId,
                                            @RequestBody(required = false) CancellationRequest request) {
        String reason = request == null ? null : request.reason();
        return commands.<RedemptionReceipt>send(new CancelRedemption(memberId, redemptionId, reason))
                .map(r -> IdempotentResponses.ok(Redemption.of(r), r.replayed()));
    }

    record RedemptionRequest(String rewardId, String idempotencyKey) {
    }

    record CancellationRequest(String reason) {
    }

    record Redemption(String memberId, String redemptionId, String rewardId, long points, String status, long balance) {
        static Redemption of(RedemptionReceipt r) {
            return new Redemption(r.memberId(), r.redemptionId(), r.rewardId(), r.points(), r.cancelled() ? "CANCELLED" : "REDEEMED", r.balance());
        }
    }
}
