package org.loyalty.api.purchase;

import java.math.BigDecimal;

/** One line of a basket: quantity of a SKU at a unit price in the purchase's currency. */
public record PurchaseItem(String sku, String category, int quantity, BigDecimal unitPrice) {

    /** quantity x unitPrice, exact. */
    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
