package org.loyalty.api.error;

/** The request names something that does not exist (a member, a POS transaction, a redemption): HTTP 404. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
