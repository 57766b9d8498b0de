package org.loyalty.infra.security;

import java.util.Map;
import java.util.Set;

/**
 * Who may call each endpoint, written out once more by hand, independently of {@link SecurityConfiguration}:
 * {@link AuthorizationIT} checks every endpoint of the application against this table, and fails for an
 * endpoint the table does not list, so a new endpoint needs a decision here.
 */
final class AccessMatrix {

    /** A member token, for its own member id only. */
    static final String SELF = "member-self";
    static final String POS = "pos";
    static final String MARKETER = "marketer";
    static final String STAFF = "staff";
    static final String ADMIN = "admin";
    static final String MEMBER_ANY = "member";

    private static final Set<String> MARKETING = Set.of(MARKETER, ADMIN);
    private static final Set<String> MEMBER_DATA = Set.of(SELF, STAFF, ADMIN);
    private static final Set<String> SERVICE = Set.of(STAFF, ADMIN);
    private static final Set<String> ADMIN_ONLY = Set.of(ADMIN);

    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("GET /api/v1/analytics/churn-risk", MARKETING),
            Map.entry("GET /api/v1/analytics/metrics", MARKETING),
            Map.entry("POST /api/v1/analytics/models/refit", MARKETING),
            Map.entry("GET /api/v1/analytics/segments", MARKETING),
            Map.entry("GET /api/v1/analytics/vip", MARKETING),
            Map.entry("GET /api/v1/campaigns", MARKETING),
            Map.entry("POST /api/v1/campaigns", MARKETING),
            Map.entry("POST /api/v1/campaigns/evaluate", MARKETING),
            Map.entry("GET /api/v1/campaigns/playbooks", MARKETING),
            Map.entry("POST /api/v1/campaigns/playbooks/{name}", MARKETING),
            Map.entry("GET /api/v1/campaigns/{campaignId}", MARKETING),
            Map.entry("PUT /api/v1/campaigns/{campaignId}", MARKETING),
            Map.entry("POST /api/v1/campaigns/{campaignId}/end", MARKETING),
            Map.entry("POST /api/v1/campaigns/{campaignId}/launch", MARKETING),
            Map.entry("POST /api/v1/campaigns/{campaignId}/pause", MARKETING),
            Map.entry("GET /api/v1/campaigns/{campaignId}/results", MARKETING),
            Map.entry("POST /api/v1/members", Set.of(POS, STAFF, ADMIN)),
            Map.entry("POST /api/v1/members/{memberId}/adjustments", SERVICE),
            Map.entry("DELETE /api/v1/members/{memberId}", MEMBER_DATA),
            Map.entry("POST /api/v1/members/{memberId}/consents", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/export", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/balance", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/insights", Set.of(MARKETER, STAFF, ADMIN)),
            Map.entry("POST /api/v1/members/{memberId}/interactions", SERVICE),
            Map.entry("GET /api/v1/members/{memberId}/ledger", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/offers", MEMBER_DATA),
            Map.entry("POST /api/v1/members/{memberId}/offers/{offerId}/activate", MEMBER_DATA),
            Map.entry("POST /api/v1/members/{memberId}/offers/{offerId}/view", MEMBER_DATA),
            Map.entry("POST /api/v1/members/{memberId}/redemptions", MEMBER_DATA),
            Map.entry("POST /api/v1/members/{memberId}/redemptions/{redemptionId}/cancel", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/rewards", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/stream", MEMBER_DATA),
            Map.entry("GET /api/v1/members/{memberId}/timeline", MEMBER_DATA),
            Map.entry("POST /api/v1/pos/purchases", Set.of(POS, ADMIN)),
            Map.entry("POST /api/v1/pos/returns", Set.of(POS, ADMIN)),
            Map.entry("GET /api/v1/pos/api-keys", ADMIN_ONLY),
            Map.entry("POST /api/v1/pos/api-keys", ADMIN_ONLY),
            Map.entry("POST /api/v1/pos/api-keys/{keyId}/rotate", ADMIN_ONLY),
            Map.entry("DELETE /api/v1/pos/api-keys/{keyId}", ADMIN_ONLY),
            Map.entry("GET /api/v1/rewards", Set.of(MEMBER_ANY, SELF, POS, MARKETER, STAFF, ADMIN)),
            Map.entry("GET /api/v1/rules", MARKETING),
            Map.entry("POST /api/v1/rules", MARKETING),
            Map.entry("POST /api/v1/rules/simulate", MARKETING),
            Map.entry("GET /api/v1/rules/{ruleId}", MARKETING),
            Map.entry("PUT /api/v1/rules/{ruleId}", MARKETING),
            Map.entry("POST /api/v1/rules/{ruleId}/backtest", MARKETING),
            Map.entry("POST /api/v1/rules/{ruleId}/pause", MARKETING),
            Map.entry("POST /api/v1/rules/{ruleId}/publish", MARKETING),
            Map.entry("POST /api/v1/rules/{ruleId}/retire", MARKETING),
            Map.entry("GET /api/v1/webhooks", ADMIN_ONLY),
            Map.entry("POST /api/v1/webhooks", ADMIN_ONLY),
            Map.entry("DELETE /api/v1/webhooks/{subscriptionId}", ADMIN_ONLY),
            Map.entry("GET /api/v1/webhooks/{subscriptionId}/deliveries", ADMIN_ONLY),
            Map.entry("POST /api/v1/webhooks/{subscriptionId}/rotate-secret", ADMIN_ONLY));

    /**
     * Query strings that keep an allowed call from changing anything: the call is refused for its input after
     * it passed authorization, which is all the matrix checks.
     */
    static final Map<String, String> HARMLESS_QUERY = Map.of(
            "POST /api/v1/analytics/models/refit", "?model=NOT-A-MODEL");

    private AccessMatrix() {
    }
}
