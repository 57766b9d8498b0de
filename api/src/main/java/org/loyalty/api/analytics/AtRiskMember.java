package org.loyalty.api.analytics;

import java.math.BigDecimal;
import java.util.List;

/** One member of the churn-risk list, as scored by the newest refit. */
public record AtRiskMember(String memberId, int riskScore, List<String> reasons, double pAlive, double expectedPurchases,
                           BigDecimal clv, String segment, String tier) {
}
