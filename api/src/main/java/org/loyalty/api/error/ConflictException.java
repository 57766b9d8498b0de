package org.loyalty.api.error;

/** The request contradicts something already recorded (a POS transaction id used by another member, an email already enrolled). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
