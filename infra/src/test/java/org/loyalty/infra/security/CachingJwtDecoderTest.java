package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class CachingJwtDecoderTest {

    @TempDir
    Path directory;

    @Test
    void aVerifiedTokenIsRememberedUntilItExpiresAndABadOneNever() {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(directory.resolve("key.pem"));
        NimbusReactiveJwtDecoder real = NimbusReactiveJwtDecoder.withPublicKey(key.publicKey()).build();
        AtomicInteger verifications = new AtomicInteger();
        ReactiveJwtDecoder counting = token -> Mono.defer(() -> {
            verifications.incrementAndGet();
            return real.decode(token);
        });
        Instant now = Instant.now();
        Clock[] clock = {Clock.fixed(now, ZoneOffset.UTC)};
        CachingJwtDecoder decoder = new CachingJwtDecoder(counting, new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        }, 100);

        String token = new LocalTokens(key, Clock.systemUTC()).mint("till-1", Set.of(Role.POS), null, List.of("STORE-1"), Duration.ofMinutes(10));
        Jwt first = decoder.decode(token).block();
        Jwt second = decoder.decode(token).block();
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);

        // Past its expiry the remembered token is not used: it is verified again (and the real check decides).
        clock[0] = Clock.fixed(now.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        decoder.decode(token).block();
        assertThat(verifications).hasValue(2);

        String forged = new LocalTokens(LocalSigningKey.loadOrCreate(directory.resolve("other.pem")), Clock.systemUTC())
                .mint("eve", Set.of(Role.ADMIN), null, List.of(), Duration.ofMinutes(10));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(forged).block()).hasMessageContaining("Failed to validate");
        }
        assertThat(verifications).as("a refused token is checked every time").hasValue(4);
    }
}
