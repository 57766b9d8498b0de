package org.loyalty.infra.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Reads a verified token's claims as a {@link Caller}. Unknown role names are ignored (an identity provider
 * may grant roles of other applications); a token with none of ours is authenticated but may do nothing.
 */
final class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final SecurityProperties.Jwt settings;
    /**
     * The caller of each verified token: the decoder hands back the same {@link Jwt} for a token it remembers, and
     * reading the claims again (a till's store list copied into a set) was about 3% of a purchase's CPU.
     */
    private final ForgetfulCache<Jwt, Caller> callers;

    JwtCallers(SecurityProperties.Jwt settings, int capacity) {
        this.settings = settings;
        this.callers = new ForgetfulCache<>(capacity);
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.just(new CallerAuthentication(callers.computeIfAbsent(jwt, this::callerOf)));
    }

    private Caller callerOf(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(claim(jwt.getClaims(), settings.rolesClaim()))) {
            Role.named(name).ifPresent(roles::add);
        }
        String memberId = jwt.getClaimAsString(settings.memberClaim());
        if (memberId == null && roles.contains(Role.MEMBER)) {
            memberId = jwt.getSubject();
        }
        Set<String> stores = new LinkedHashSet<>(strings(claim(jwt.getClaims(), settings.storesClaim())));
        String subject = jwt.getSubject() == null ? "token:" + jwt.getId() : jwt.getSubject();
        return new Caller(subject, roles, roles.contains(Role.MEMBER) ? memberId : null, stores);
    }

    /** A claim by name, or by a dotted path into nested objects ({@code realm_access.roles}). */
    private static Object claim(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** A list claim, or a space- or comma-separated string (as {@code scope} is). */
    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> result.add(String.valueOf(v)));
        } else if (value instanceof String text) {
            Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isBlank()).forEach(result::add);
        }
        return result;
    }
}
