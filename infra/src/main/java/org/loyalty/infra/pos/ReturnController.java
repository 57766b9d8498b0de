package org.loyalty.infra.pos;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.api.returns.ReturnReceipt;
import org.loyalty.infra.security.StoreAccess;
import org.loyalty.infra.web.Commands;
import org.loyalty.infra.web.IdempotentResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * POS returns: {@code POST /api/v1/pos/returns}. Takes back exactly the points the returned items
 * earned; idempotent on {@code returnId}. If those points were spent the balance goes negative, and
 * redemptions wait until it is positive again.
 */
@RestController
@RequestMapping("/api/v1/pos")
@Tag(name = "POS")
class ReturnController {

    private final Commands commands;

    ReturnController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Record a POS return (idempotent on returnId)")
    @PostMapping(path = "/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Receipt>> record(@RequestBody ReturnRequest request) {
        return StoreAccess.check(request.storeId(), true)
                .then(commands.<ReturnReceipt>send(request.toCommand()))
                .map(r -> IdempotentResponses.created(new Receipt(r.memberId(), r.returnId(), r.pointsTaken(), r.balance()), r.replayed()));
    }

    /** {@code storeId}: where the goods are taken back; a till must name one of its stores (admins may leave it out). */
    record ReturnRequest(String returnId, String originalTransactionId, String memberId, String storeId, List<Item> items) {
        RecordReturn toCommand() {
            List<ReturnItem> lines = items == null ? null
                    : items.stream().map(i -> i == null ? null : new ReturnItem(i.sku(), i.quantity() == null ? 0 : i.quantity())).toList();
            return new RecordReturn(returnId, originalTransactionId, memberId, lines);
        }
    }

    record Item(String sku, Integer quantity) {
    }

    record Receipt(String memberId, String returnId, long pointsTaken, long balance) {
    }
}
