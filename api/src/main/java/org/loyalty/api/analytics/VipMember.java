package org.loyalty.api.analytics;

import java.math.BigDecimal;

/** A VIP: {@code clvPercentile} is the share of scored members with a lower lifetime value (0-100). */
public record VipMember(String memberId, BigDecimal clv, double clvPercentile, String tier, String segment, double pAlive,
                        String why) {
}
