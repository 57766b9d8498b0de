package org.loyalty.api.error;

/** One reason a request was refused: the field (as named in the HTTP body, e.g. {@code items[2].quantity}) and why. */
public record Violation(String field, String message) {
}
