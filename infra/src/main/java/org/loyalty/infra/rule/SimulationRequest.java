package org.loyalty.infra.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.api.error.Violation;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.rules.rule.FactsOf;
import org.loyalty.rules.rule.facts.Member;

/** A draft rule to try (optional), a sample purchase, and the member it is for. */
record SimulationRequest(RuleRequest rule, SamplePurchase purchase, SampleMember member) {

    record SamplePurchase(String storeId, Instant occurredAt, String currency, PaymentMethod paymentMethod, List<SampleItem> items) {
    }

    record SampleItem(String sku, String category, Integer quantity, BigDecimal unitPrice) {
    }

    /** What the member looks like; everything is optional (a new Green member by default). */
    record SampleMember(String tier, List<String> segments, Long purchaseCount, List<Instant> recentPurchases,
                        Long daysSinceEnrollment, Integer birthdayMonth, String referredBy) {
    }

    RecordPurchase purchaseCommand() {
        SamplePurchase p = purchase == null ? new SamplePurchase(null, null, null, null, null) : purchase;
        List<PurchaseItem> items = p.items() == null ? null : p.items().stream()
                .map(i -> i == null ? null : new PurchaseItem(i.sku(), i.category(), i.quantity() == null ? 0 : i.quantity(), i.unitPrice()))
                .toList();
        return new RecordPurchase("simulation", "simulation", p.storeId() == null ? "simulation" : p.storeId(), p.occurredAt(),
                p.currency(), p.paymentMethod(), items);
    }

    /** Null elements in the member's lists, which the facts cannot hold. */
    List<Violation> memberViolations() {
        List<Violation> violations = new ArrayList<>();
        if (member != null) {
            nulls("member.segments", member.segments(), violations);
            nulls("member.recentPurchases", member.recentPurchases(), violations);
        }
        return violations;
    }

    private static void nulls(String field, List<?> values, List<Violation> into) {
        for (int i = 0; values != null && i < values.size(); i++) {
            if (values.get(i) == null) {
                into.add(new Violation(field + "[" + i + "]", "must not be null"));
            }
        }
    }

    Member memberFacts() {
        SampleMember m = member == null ? new SampleMember(null, null, null, null, null, null, null) : member;
        return FactsOf.member("simulation", m.tier() == null ? "" : m.tier(), m.segments() == null ? List.of() : m.segments(),
                m.purchaseCount() == null ? 0 : m.purchaseCount(), m.recentPurchases() == null ? List.of() : m.recentPurchases(),
                m.daysSinceEnrollment() == null ? 0 : m.daysSinceEnrollment(), m.birthdayMonth() == null ? 0 : m.birthdayMonth(),
                m.referredBy());
    }
}
