package org.loyalty.infra.security;

/**
 * The caller may call the endpoint but not with this value of {@code field} (another store's id, another staff
 * member's id): 403 naming the field. Thrown before anything is sent, so nothing changes.
 */
public final class NotAllowedException extends RuntimeException {

    private final String field;

    public NotAllowedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
