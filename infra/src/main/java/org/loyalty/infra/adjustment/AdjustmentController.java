package org.loyalty.infra.adjustment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.adjustment.AdjustPoints;
import org.loyalty.api.adjustment.AdjustmentReceipt;
import org.loyalty.infra.web.Commands;
import org.loyalty.infra.web.IdempotentResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.loyalty.infra.security.StaffIdentity;
import reactor.core.publisher.Mono;

/**
 * Staff goodwill and corrections: {@code POST /api/v1/members/{id}/adjustments}. The staff member is the
 * caller's token subject ({@code staffId} may be left out, or must name the caller; admins may name anyone);
 * the limits are per adjustment and per staff member per day.
 */
@RestController
@RequestMapping("/api/v1/members/{memberId}/adjustments")
@Tag(name = "Adjustments")
class AdjustmentController {

    private final Commands commands;

    AdjustmentController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Adjust a member's points (staff goodwill or correction)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Adjustment>> adjust(@PathVariable String memberId, @RequestBody AdjustmentRequest request) {
        long points = request.points() == null ? 0 : request.points();
        return StaffIdentity.of(request.staffId())
                .flatMap(staffId -> commands.<AdjustmentReceipt>send(new AdjustPoints(memberId, request.adjustmentId(), staffId, points, request.reason())))
                .map(r -> IdempotentResponses.created(new Adjustment(r.memberId(), r.adjustmentId(), r.points(), r.balance()), r.replayed()));
    }

    record AdjustmentRequest(String adjustmentId, String staffId, Long points, String reason) {
    }

    record Adjustment(String memberId, String adjustmentId, long points, long balance) {
    }
}
