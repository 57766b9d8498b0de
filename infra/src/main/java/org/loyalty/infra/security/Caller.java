package org.loyalty.infra.security;

import java.util.Set;

/**
 * Who is calling, as the authorization rules see it.
 *
 * @param clientId the token's subject, or {@code api-key:<keyId>}; rate limits are counted per client
 * @param roles    what the caller may do
 * @param memberId the member a {@link Role#MEMBER} caller acts for, else null
 * @param stores   the stores a {@link Role#POS} caller may post for (empty for other roles)
 */
public record Caller(String clientId, Set<Role> roles, String memberId, Set<String> stores) {

    public Caller {
        roles = Set.copyOf(roles);
        stores = Set.copyOf(stores);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Staff and admins act for any member; a member only for itself. */
    public boolean mayActFor(String member) {
        return has(Role.ADMIN) || has(Role.STAFF) || (has(Role.MEMBER) && memberId != null && memberId.equals(member));
    }

    /** Admins post for any store; a till only for its own. */
    public boolean mayPostFor(String storeId) {
        return has(Role.ADMIN) || (has(Role.POS) && stores.contains(storeId));
    }

    /** Whether the caller must name a store it holds (a till), rather than any store (an admin). */
    public boolean boundToStores() {
        return !has(Role.ADMIN);
    }
}
