package org.loyalty.infra.pos;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.RecordPurchase;
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
 * POS purchases: {@code POST /api/v1/pos/purchases}. A repeated {@code transactionId} gets the first
 * answer again, status and body alike; the {@code Idempotent-Replayed} header tells the two apart.
 * A till (role {@code pos}) may post only for the stores its token or API key names.
 */
@RestController
@RequestMapping("/api/v1/pos")
@Tag(name = "POS")
class PurchaseController {

    private final Commands commands;

    PurchaseController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Record a POS purchase (idempotent on transactionId)")
    @PostMapping(path = "/purchases", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Receipt>> record(@RequestBody PurchaseRequest request) {
        return StoreAccess.check(request.storeId(), false)
                .then(commands.<PurchaseReceipt>send(request.toCommand()))
                .map(receipt -> IdempotentResponses.created(
                        new Receipt(receipt.memberId(), receipt.transactionId(), receipt.pointsEarned(), receipt.balance()),
                        receipt.replayed()));
    }

    record PurchaseRequest(String transactionId, String memberId, String storeId, Instant occurredAt, String currency,
                           PaymentMethod paymentMethod, List<Item> items) {
        RecordPurchase toCommand() {
            List<PurchaseItem> lines = items == null ? null
                    : items.stream().map(i -> i == null ? null : i.toPurchaseItem()).toList();
            return new RecordPurchase(memberId, transactionId, storeId, occurredAt, currency, paymentMethod, lines);
        }
    }

    record Item(String sku, String category, Integer quantity, BigDecimal unitPrice) {
        PurchaseItem toPurchaseItem() {
            return new PurchaseItem(sku, category, quantity == null ? 0 : quantity, unitPrice);
        }
    }

    record Receipt(String memberId, String transactionId, long pointsEarned, long balance) {
    }
}
