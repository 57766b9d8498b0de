package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Production mode: tokens checked against a configured public key (and issuer), no local key generated. */
class JwtDecoderConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void aConfiguredPublicKeyAndIssuerDecideWhichTokensPass() throws Exception {
        LocalSigningKey identityProvider = LocalSigningKey.loadOrCreate(directory.resolve("idp.pem"));
        Path publicKey = directory.resolve("jwt.pub");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(identityProvider.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path localKey = directory.resolve("local/jwt-signing-key.pem");
        SecurityProperties properties = new SecurityProperties(
                new SecurityProperties.Jwt("", "file:" + publicKey, LocalSigningKey.ISSUER, "", localKey.toString(), "roles", "member_id", "stores"),
                new SecurityProperties.ApiKeys(Duration.ofSeconds(30), Duration.ofHours(24)),
                new SecurityProperties.RateLimit(true, 500, 1000, 20, 1000, Map.of()));

        ReactiveJwtDecoder decoder = new SecurityConfiguration().jwtDecoder(properties, new DefaultResourceLoader());

        String signedByTheProvider = new LocalTokens(identityProvider, Clock.systemUTC())
                .mint("ann", Set.of(Role.STAFF), null, List.of(), Duration.ofMinutes(5));
        assertThat(decoder.decode(signedByTheProvider).block().getSubject()).isEqualTo("ann");

        LocalSigningKey someoneElse = LocalSigningKey.loadOrCreate(directory.resolve("other.pem"));
        String forged = new LocalTokens(someoneElse, Clock.systemUTC()).mint("eve", Set.of(Role.ADMIN), null, List.of(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(org.springframework.security.oauth2.jwt.BadJwtException.class)
                .hasRootCauseMessage("Signed JWT rejected: Invalid signature");

        // Minted an hour ago, valid for five minutes.
        String expired = new LocalTokens(identityProvider, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)))
                .mint("ann", Set.of(Role.STAFF), null, List.of(), Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder.decode(expired).block()).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");

        assertThat(localKey).as("no local key is generated when a public key is configured").doesNotExist();
    }
}
