package org.loyalty.command.enrollment;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fake of {@link EmailClaims} for the aggregate unit tests: the first member to claim an
 * address keeps it, and any later claim of that address fails, whoever makes it (as the unique key
 * of {@link JdbcEmailClaims} does). Unlike the JDBC claim it is not rolled back with a failed command.
 */
public final class InMemoryEmailClaims implements EmailClaims {

    private final Map<String, String> ownerByEmail = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String normalizedEmail, String memberId) {
        return ownerByEmail.putIfAbsent(normalizedEmail, memberId) == null;
    }

    @Override
    public void release(String memberId) {
        ownerByEmail.values().removeIf(memberId::equals);
    }

    public Optional<String> ownerOf(String normalizedEmail) {
        return Optional.ofNullable(ownerByEmail.get(normalizedEmail));
    }

    public Map<String, String> claims() {
        return Map.copyOf(ownerByEmail);
    }
}
