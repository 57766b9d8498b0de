package org.loyalty.infra.security;

import java.util.List;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import reactor.core.publisher.Mono;

/**
 * A till posts only for the stores its token or API key names. Checked in the POS handlers before the
 * command is sent, because the store is in the body, which the path rules cannot see.
 */
public final class StoreAccess {

    private StoreAccess() {
    }

    /**
     * Completes when the caller may post for {@code storeId}; else fails with {@link NotAllowedException}
     * (403). A till must name its store; a blank one is left to the request's own validation, or refused here
     * when {@code required} (a return, whose command has no store).
     */
    public static Mono<Void> check(String storeId, boolean required) {
        return CallerAuthentication.current()
                .flatMap(caller -> {
                    if (!caller.boundToStores()) {
                        return Mono.empty();
                    }
                    if (storeId == null || storeId.isBlank()) {
                        return required
                                ? Mono.error(new InvalidRequestException(List.of(new Violation("storeId", "is required from a till"))))
                                : Mono.empty();
                    }
                    return caller.mayPostFor(storeId) ? Mono.empty()
                            : Mono.error(new NotAllowedException("storeId", "This till may not post for store " + storeId));
                })
                .then();
    }
}
