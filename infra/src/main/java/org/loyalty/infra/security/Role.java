package org.loyalty.infra.security;

import java.util.Locale;
import java.util.Optional;

/** The callers of the API. A role is granted by the token's roles claim or, for {@link #POS}, by an API key. */
public enum Role {
    /** A member's app: reads and acts on its own member id only. */
    MEMBER,
    /** A till: posts purchases and returns for its own stores. */
    POS,
    /** Rules, campaigns and analytics. */
    MARKETER,
    /** Customer service: enrolments, adjustments, interactions, a member's data. */
    STAFF,
    /** Everything, including webhooks, API keys and the actuator. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a claim value names ("pos", "POS", "ROLE_POS"), if any. */
    static Optional<Role> named(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
