package org.loyalty.rules.rule;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/**
 * Everything the rules of one purchase are judged on.
 *
 * @param basePoints points the purchase earns before any rule (tier and payment rate)
 * @param itemPoints those points split over the purchase's items, in item order
 * @param segments   the member's segments, for rules that target segments
 */
public record RuleContext(Purchase purchase, Member member, Instant occurredAt, long basePoints, List<Long> itemPoints,
                          Set<String> segments, CapUsage caps) {

    public RuleContext {
        itemPoints = List.copyOf(itemPoints);
        segments = Set.copyOf(segments);
    }

    Timestamp now() {
        return FactsOf.timestamp(occurredAt);
    }
}
