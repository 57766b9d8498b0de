package org.loyalty.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.rules.earning.BaseRateEarning;
import org.loyalty.rules.earning.Earning;

/**
 * One member's points account, event-sourced. It is the consistency boundary for the balance and
 * for purchase idempotency: it remembers the receipt of every POS transaction it has recorded, so
 * a retried transaction gets its first answer back and earns nothing.
 */
public class MemberAccount {

    @AggregateIdentifier
    private String memberId;
    private long balance;
    private final Map<String, PurchaseReceipt> receiptsByTransaction = new HashMap<>();

    /** For Axon, which rebuilds the account from its events. */
    protected MemberAccount() {
    }

    public MemberAccount(EnrollMember enrollment, Instant now) {
        apply(new MemberEnrolled(enrollment.memberId(), enrollment.name().strip(), enrollment.email(),
                enrollment.phone(), enrollment.birthday(), enrollment.marketingConsent(), now));
    }

    /** Records the purchase and its points, or returns the earlier receipt when the transaction is known. */
    public PurchaseReceipt recordPurchase(RecordPurchase purchase, BaseRateEarning earningPolicy, Instant now) {
        PurchaseReceipt earlier = receiptsByTransaction.get(purchase.transactionId());
        if (earlier != null) {
            return earlier.asReplay();
        }
        BigDecimal netTotal = purchase.items().stream().map(PurchaseItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        apply(new PurchaseRecorded(memberId, purchase.transactionId(), purchase.storeId(), purchase.occurredAt(),
                purchase.currency(), purchase.paymentMethod(), purchase.items(), netTotal, now));
        Earning earning = earningPolicy.earn(netTotal);
        if (earning.points() > 0) {
            apply(new PointsEarned(memberId, purchase.transactionId(), earning.points(), balance + earning.points(),
                    earning.applied(), now));
        }
        return receiptsByTransaction.get(purchase.transactionId());
    }

    public long balance() {
        return balance;
    }

    @EventSourcingHandler
    void on(MemberEnrolled event) {
        memberId = event.memberId();
    }

    @EventSourcingHandler
    void on(PurchaseRecorded event) {
        receiptsByTransaction.put(event.transactionId(), new PurchaseReceipt(memberId, event.transactionId(), 0, balance, false));
    }

    @EventSourcingHandler
    void on(PointsEarned event) {
        balance = event.balanceAfter();
        receiptsByTransaction.put(event.transactionId(),
                new PurchaseReceipt(memberId, event.transactionId(), event.points(), event.balanceAfter(), false));
    }
}
