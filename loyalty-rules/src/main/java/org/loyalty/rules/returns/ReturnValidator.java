package org.loyalty.rules.returns;

import java.util.List;
import org.loyalty.api.error.Violation;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.api.returns.ReturnItem;
import org.loyalty.rules.validation.Violations;

/** The shape of a POS return; whether the items were bought is the account's to decide. */
public final class ReturnValidator {

    static final int MAX_QUANTITY = 10_000;

    public List<Violation> violations(RecordReturn request) {
        Violations v = new Violations();
        v.requireId("returnId", request.returnId());
        v.requireId("originalTransactionId", request.originalTransactionId());
        if (request.memberId() != null) {
            v.requireId("memberId", request.memberId());
        }
        List<ReturnItem> items = request.items();
        if (items == null || items.isEmpty()) {
            v.add("items", "must contain at least one item");
            return v.list();
        }
        for (int i = 0; i < items.size(); i++) {
            ReturnItem item = items.get(i);
            if (item == null) {
                v.add("items[" + i + "]", "must not be null");
                continue;
            }
            v.requireText("items[" + i + "].sku", item.sku(), 64);
            if (item.quantity() <= 0 || item.quantity() > MAX_QUANTITY) {
                v.add("items[" + i + "].quantity", "must be between 1 and " + MAX_QUANTITY);
            }
        }
        return v.list();
    }
}
