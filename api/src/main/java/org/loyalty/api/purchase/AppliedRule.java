package org.loyalty.api.purchase;

/** One rule's contribution to an earning, with the rule version that was in force. */
public record AppliedRule(String ruleId, int version, long points, String explanation) {
}
