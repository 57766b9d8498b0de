package org.loyalty.infra.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A retried request gets the first answer again, status and body alike; only the
 * {@code Idempotent-Replayed} header tells a replay from the original.
 */
public final class IdempotentResponses {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private IdempotentResponses() {
    }

    public static <T> ResponseEntity<T> created(T body, boolean replayed) {
        return ResponseEntity.status(HttpStatus.CREATED).header(REPLAYED_HEADER, String.valueOf(replayed)).body(body);
    }

    public static <T> ResponseEntity<T> ok(T body, boolean replayed) {
        return ResponseEntity.ok().header(REPLAYED_HEADER, String.valueOf(replayed)).body(body);
    }
}
