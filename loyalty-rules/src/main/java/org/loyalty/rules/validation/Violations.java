package org.loyalty.rules.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;

/** Collects every violation of a request so that the caller sees all of them at once, not one per try. */
public final class Violations {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

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

    /** Ids travel in URLs and logs: 1 to 64 letters, digits and . _ : - */
    public boolean requireId(String field, String value) {
        if (!requireText(field, value, 64)) {
            return false;
        }
        if (!ID.matcher(value).matches()) {
            add(field, "may contain only letters, digits and . _ : -");
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
