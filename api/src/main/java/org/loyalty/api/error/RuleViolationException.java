package org.loyalty.api.error;

/**
 * A well-formed request that the program's rules refuse (too few points, more items returned than
 * bought, a limit reached): HTTP 422. Nothing has been stored.
 */
public class RuleViolationException extends RuntimeException {

    private final String field;

    public RuleViolationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
