package org.loyalty.api.interaction;

/**
 * The standard service surveys: Net Promoter Score (0 to 10), Customer Satisfaction (1 to 5) and
 * Customer Effort Score (1 to 7).
 */
public enum SurveyKind {
    NPS,
    CSAT,
    CES
}
