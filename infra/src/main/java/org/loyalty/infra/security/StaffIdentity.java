package org.loyalty.infra.security;

import reactor.core.publisher.Mono;

/**
 * Who made a staff action. A staff member is the subject of its token, so the per-staff limits cannot be
 * dodged by naming someone else; an admin may act on behalf of a staff member it names.
 */
public final class StaffIdentity {

    private StaffIdentity() {
    }

    /** The staff id to record: the caller's own, or (admins only) {@code named}; 403 when staff names another. */
    public static Mono<String> of(String named) {
        return CallerAuthentication.current()
                .map(caller -> {
                    if (caller.has(Role.ADMIN)) {
                        return named != null ? named : caller.clientId();
                    }
                    if (named != null && !named.equals(caller.clientId())) {
                        throw new NotAllowedException("staffId", "A staff member adjusts under its own id (" + caller.clientId() + ")");
                    }
                    return caller.clientId();
                });
    }
}
