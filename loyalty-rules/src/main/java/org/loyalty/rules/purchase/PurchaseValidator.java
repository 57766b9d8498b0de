package org.loyalty.rules.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.loyalty.api.error.Violation;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.rules.validation.Violations;

/**
 * What a POS purchase must look like before anything is stored. Field names are those of the HTTP
 * body ({@code items[1].unitPrice}) so that the error tells the integrator exactly what to fix.
 */
public final class PurchaseValidator {

    static final int MAX_ITEMS = 500;
    static final int MAX_QUANTITY = 10_000;
    static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000");

    private final Set<String> supportedCurrencies;
    private final Clock clock;
    /** POS clocks drift; a purchase a little in the future is accepted, a day ahead is a bug. */
    private final Duration clockSkewTolerance;

    public PurchaseValidator(Set<String> supportedCurrencies, Clock clock, Duration clockSkewTolerance) {
        this.supportedCurrencies = Set.copyOf(supportedCurrencies);
        this.clock = clock;
        this.clockSkewTolerance = clockSkewTolerance;
    }

    public List<Violation> violations(RecordPurchase purchase) {
        Violations v = new Violations();
        v.requireId("memberId", purchase.memberId());
        v.requireId("transactionId", purchase.transactionId());
        v.requireId("storeId", purchase.storeId());
        if (v.requirePresent("occurredAt", purchase.occurredAt())
                && purchase.occurredAt().isAfter(clock.instant().plus(clockSkewTolerance))) {
            v.add("occurredAt", "must not be in the future");
        }
        Currency currency = currency(v, purchase.currency());
        v.requirePresent("paymentMethod", purchase.paymentMethod());
        checkItems(v, purchase.items(), currency);
        return v.list();
    }

    private Currency currency(Violations v, String code) {
        if (!v.requireText("currency", code, 3)) {
            return null;
        }
        if (!supportedCurrencies.contains(code)) {
            v.add("currency", "unsupported currency " + code + "; supported: " + supportedCurrencies.stream().sorted().toList());
            return null;
        }
        return Currency.getInstance(code);
    }

    private static void checkItems(Violations v, List<PurchaseItem> items, Currency currency) {
        if (items == null || items.isEmpty()) {
            v.add("items", "must contain at least one item");
            return;
        }
        if (items.size() > MAX_ITEMS) {
            v.add("items", "must contain at most " + MAX_ITEMS + " items");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String prefix = "items[" + i + "].";
            PurchaseItem item = items.get(i);
            if (item == null) {
                v.add("items[" + i + "]", "must not be null");
                continue;
            }
            v.requireText(prefix + "sku", item.sku(), 64);
            v.requireText(prefix + "category", item.category(), 64);
            if (item.quantity() <= 0 || item.quantity() > MAX_QUANTITY) {
                v.add(prefix + "quantity", "must be between 1 and " + MAX_QUANTITY);
            }
            checkUnitPrice(v, prefix + "unitPrice", item.unitPrice(), currency);
        }
    }

    private static void checkUnitPrice(Violations v, String field, BigDecimal price, Currency currency) {
        if (!v.requirePresent(field, price)) {
            return;
        }
        // 0 is a real price: free samples and gifts go through the till and count as a visit, earning nothing.
        if (price.signum() < 0 || price.compareTo(MAX_UNIT_PRICE) > 0) {
            v.add(field, "must be between 0 and " + MAX_UNIT_PRICE.toPlainString());
        } else if (currency != null && price.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            v.add(field, "has more decimals than " + currency.getCurrencyCode() + " allows (" + currency.getDefaultFractionDigits() + ")");
        }
    }
}
