package org.loyalty.infra.security;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens already verified: a till or an app sends the same token for hours, and verifying it again
 * (an RSA signature and the claims, about a tenth of a balance read's CPU) gives a known answer. A remembered
 * token is accepted only until it expires (or before its not-before); a token that fails is never remembered.
 * Bounded: when full, everything is forgotten at once and verified again, which costs only time.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final ForgetfulCache<String, Jwt> verified;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = new ForgetfulCache<>(capacity);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (stillValid(known)) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            // Only tokens that expire: one without exp would be trusted for as long as the cache keeps it.
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
    }

    private boolean stillValid(Jwt jwt) {
        Instant now = clock.instant();
        return jwt.getExpiresAt().isAfter(now) && (jwt.getNotBefore() == null || !jwt.getNotBefore().isAfter(now));
    }
}
