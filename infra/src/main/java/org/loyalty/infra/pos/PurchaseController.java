package org.loyalty.infra.pos;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.infra.web.Commands;
import org.springframework.http.HttpStatus;
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
 */
@RestController
@RequestMapping("/api/v1/pos")
class PurchaseController {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Commands commands;

    PurchaseController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/purchases", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Receipt>> record(@RequestBody PurchaseRequest request) {
        return commands.<PurchaseReceipt>send(request.toCommand())
                .map(receipt -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/members/" + receipt.memberId() + "/ledger"))
                        .header(REPLAYED_HEADER, String.valueOf(receipt.replayed()))
                        .body(new Receipt(receipt.memberId(), receipt.transactionId(), receipt.pointsEarned(), receipt.balance())));
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
