package org.loyalty.api.error;

import java.util.List;

/** Input that breaks the contract; nothing has been stored. The web layer answers 400 naming each field. */
public class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** Throws when {@code violations} holds any; the usual first line of a command handler. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder("Invalid request:");
        violations.forEach(v -> text.append(' ').append(v.field()).append(" ").append(v.message()).append(';'));
        return text.toString();
    }
}
