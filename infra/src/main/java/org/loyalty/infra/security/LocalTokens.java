package org.loyalty.infra.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Mints tokens signed with the {@link LocalSigningKey}, in the shape {@code tools/MintToken.java} gives them:
 * {@code iss=loyalty-local}, {@code sub}, {@code roles}, and {@code member_id} or {@code stores} where they apply.
 */
public final class LocalTokens {

    private final LocalSigningKey key;
    private final Clock clock;

    public LocalTokens(LocalSigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String mint(String subject, Collection<Role> roles, String memberId, Collection<String> stores, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(LocalSigningKey.ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("roles", roles.stream().map(role -> role.name().toLowerCase(Locale.ROOT)).toList());
        if (memberId != null) {
            claims.claim("member_id", memberId);
        }
        if (!stores.isEmpty()) {
            claims.claim("stores", List.copyOf(stores));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
