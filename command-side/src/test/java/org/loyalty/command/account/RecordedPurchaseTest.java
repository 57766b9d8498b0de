package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.api.returns.ReturnedItem;

class RecordedPurchaseTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");

    /** 3 coffees at 3.50 and a muffin at 2.50 (13.00). */
    private static List<PurchaseItem> basket() {
        return List.of(new PurchaseItem(new String("coffee"), "drinks", 3, new BigDecimal("3.50")),
                new PurchaseItem(new String("muffin"), "bakery", 1, new BigDecimal("2.50")));
    }

    @Test
    void theReceiptSaysWhatThePurchaseEarnedAndTheBalanceItLeft() {
        RecordedPurchase recorded = RecordedPurchase.of(basket(), AT, 100);
        assertThat(recorded.receipt("m-1", "t-1", false)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 0, 100, false));

        RecordedPurchase earned = recorded.earned(13, 113, List.of(11L, 2L));
        assertThat(earned.receipt("m-1", "t-1", true)).isEqualTo(new PurchaseReceipt("m-1", "t-1", 13, 113, true));
        assertThat(earned.occurredAt()).isEqualTo(AT);
    }

    @Test
    void anEarningRecordedBeforeSplitsExistedIsSplitInProportionToTheItemAmounts() {
        RecordedPurchase earned = RecordedPurchase.of(basket(), AT, 0).earned(13, 13, List.of());

        // 13 points over 10.50 and 2.50: 10.5 and 2.5, the remainder to the coffee: 11 / 2; one coffee of three is 3.
        assertThat(earned).isEqualTo(RecordedPurchase.of(basket(), AT, 0).earned(13, 13, List.of(11L, 2L)));
        assertThat(earned.plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("coffee", 1)))).returned())
                .containsExactly(new ReturnedItem("coffee", 1, 3));
    }

    @Test
    void aReturnIsPlannedWithoutChangingThePurchaseItWasPlannedOn() {
        RecordedPurchase earned = RecordedPurchase.of(basket(), AT, 0).earned(13, 13, List.of(11L, 2L));

        RecordedPurchase.ReturnPlan plan = earned.plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("coffee", 3))));

        assertThat(plan.returned()).containsExactly(new ReturnedItem("coffee", 3, 11));
        assertThat(plan.refund()).isEqualByComparingTo("10.50");
        assertThat(earned.plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("coffee", 3)))).returned())
                .as("the purchase before the return still has its three coffees")
                .containsExactly(new ReturnedItem("coffee", 3, 11));
        assertThatThrownBy(() -> plan.after().plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("coffee", 1)))))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("only 0 unit(s) of coffee can still be returned (3 bought, 3 returned before)");
    }

    @Test
    void purchasesOfTheSameLinesShareOneCopyOfEach() {
        RecordedPurchase first = RecordedPurchase.of(basket(), AT, 0).earned(13, 13, List.of(11L, 2L));
        RecordedPurchase second = RecordedPurchase.of(basket(), AT, 13).earned(13, 26, List.of(11L, 2L));

        for (int item = 0; item < 2; item++) {
            PurchaseItem bought = basket().get(item);
            assertThat(second.line(item))
                    .isEqualTo(new RecordedPurchase.Line(bought.sku(), bought.quantity(), bought.unitPrice()))
                    .isSameAs(first.line(item));
        }
    }

    @Test
    void aPriceKeepsItsScaleWhenShared() {
        RecordedPurchase tenCents = RecordedPurchase.of(List.of(new PurchaseItem("gum", "sweets", 1, new BigDecimal("0.10"))), AT, 0);
        RecordedPurchase oneTenth = RecordedPurchase.of(List.of(new PurchaseItem("gum", "sweets", 1, new BigDecimal("0.1"))), AT, 0);

        assertThat(tenCents.plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("gum", 1)))).refund()).hasToString("0.10");
        assertThat(oneTenth.plan(RecordedPurchase.ReturnLine.of(List.of(new ReturnItem("gum", 1)))).refund()).hasToString("0.1");
    }
}
