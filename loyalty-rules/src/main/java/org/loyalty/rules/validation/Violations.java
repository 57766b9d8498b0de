package org.loyalty.rules.validation;

import java.util.ArrayList;
import java.util.List;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;

/** Collects every violation of a request so that the caller sees all of them at once, not one per try. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new Violation(field, message));
        return this;
    }

    /** Adds {@code message} for {@code field} when the text is null or blank, or longer than {@code maxLength}. */
    public boolean requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "must not be blank");
            return false;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return false;
        }
        return true;
    }

    public boolean requirePresent(String field, Object value) {
        if (value == null) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
