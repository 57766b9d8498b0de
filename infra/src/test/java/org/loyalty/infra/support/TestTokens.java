package org.loyalty.infra.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.loyalty.infra.security.LocalSigningKey;
import org.loyalty.infra.security.LocalTokens;
import org.loyalty.infra.security.Role;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Bearer tokens for the tests, signed with the local key every test application is pointed at (see
 * {@link FreshEmbeddedDatabase}): the same key, so a token works on every application of the run.
 */
public final class TestTokens {

    /** One key for the whole test run; the first application (or test) to need it creates it. */
    public static final Path KEY_FILE = Path.of("target", "it-security", "jwt-signing-key.pem").toAbsolutePath();

    private static volatile LocalTokens tokens;

    private TestTokens() {
    }

    public static String admin() {
        return of(Role.ADMIN);
    }

    /** A token with one role and no member or stores. */
    public static String of(Role role) {
        return tokens().mint(role.name().toLowerCase() + "-test", Set.of(role), null, List.of(), Duration.ofHours(1));
    }

    public static String member(String memberId) {
        return tokens().mint(memberId, Set.of(Role.MEMBER), memberId, List.of(), Duration.ofHours(1));
    }

    public static String pos(String... stores) {
        return tokens().mint("till-" + String.join("-", stores), Set.of(Role.POS), null, List.of(stores), Duration.ofHours(1));
    }

    public static LocalTokens tokens() {
        if (tokens == null) {
            synchronized (TestTokens.class) {
                if (tokens == null) {
                    tokens = new LocalTokens(LocalSigningKey.loadOrCreate(KEY_FILE), Clock.systemUTC());
                }
            }
        }
        return tokens;
    }

    /** A client of the application on {@code port}, calling as an admin. */
    public static WebClient adminClient(int port) {
        return WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBearerAuth(admin())).build();
    }
}
