package org.loyalty.api.privacy;

/**
 * What a member may agree to, one purpose at a time. The three marketing channels start as the
 * enrollment's {@code marketingConsent} said; {@code ANALYTICS} (profiling beyond running the
 * program) starts withheld until the member gives it.
 */
public enum ConsentPurpose {
    MARKETING_EMAIL("marketingEmail"),
    MARKETING_SMS("marketingSms"),
    MARKETING_PUSH("marketingPush"),
    ANALYTICS("analytics");

    private final String field;

    ConsentPurpose(String field) {
        this.field = field;
    }

    /** The purpose's name in JSON requests and answers. */
    public String field() {
        return field;
    }

    public boolean marketing() {
        return this != ANALYTICS;
    }
}
