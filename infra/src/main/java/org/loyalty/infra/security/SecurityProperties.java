package org.loyalty.infra.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication and request limits, {@code loyalty.security} in application.yml.
 *
 * @param jwt       how bearer tokens are checked
 * @param apiKeys   per-store POS API keys
 * @param rateLimit requests per client
 */
@ConfigurationProperties("loyalty.security")
public record SecurityProperties(@DefaultValue Jwt jwt, @DefaultValue ApiKeys apiKeys, @DefaultValue RateLimit rateLimit) {

    /**
     * Production sets {@code issuerUri} (an OpenID provider: keys from its JWKS, {@code iss} checked) or
     * {@code publicKeyLocation} (a PEM RSA public key, e.g. {@code file:/etc/loyalty/jwt.pub}). With neither, the
     * platform signs its own tokens: it generates an RSA key at {@code localKeyFile} at first start (see
     * {@code tools/MintToken.java}), and only tokens with issuer {@link LocalSigningKey#ISSUER} are accepted.
     *
     * @param rolesClaim  the claim holding the caller's roles (a list or a space-separated string); a dotted path
     *                    such as {@code realm_access.roles} reaches into nested objects
     * @param memberClaim the member id a {@code member} token acts for (falls back to {@code sub})
     * @param storesClaim the store ids a {@code pos} token may post for
     * @param audience    when set, tokens must name it in {@code aud}
     */
    public record Jwt(
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String publicKeyLocation,
            @DefaultValue("") String issuer,
            @DefaultValue("") String audience,
            @DefaultValue("data/security/jwt-signing-key.pem") String localKeyFile,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("member_id") String memberClaim,
            @DefaultValue("stores") String storesClaim) {

        boolean signsLocally() {
            return issuerUri.isBlank() && publicKeyLocation.isBlank();
        }
    }

    /**
     * @param cacheTtl       a checked key is trusted this long without asking the database again, so a revoked
     *                       or rotated-out key stops working on every node within this time
     * @param rotationGrace  after a rotation the previous secret still works this long, for the tills to switch
     */
    public record ApiKeys(@DefaultValue("PT30S") Duration cacheTtl, @DefaultValue("PT24H") Duration rotationGrace) {
    }

    /**
     * A token bucket per client (the token's subject, the API key, or the address of an anonymous caller), per
     * node: {@code requestsPerSecond} on average, bursts up to {@code burst}. Over it: 429 with Retry-After.
     *
     * @param perClient overrides by client id (e.g. a busy store's key id), requests per second; the burst is
     *                  twice the rate
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int requestsPerSecond,
            @DefaultValue("1000") int burst,
            @DefaultValue("20") int anonymousRequestsPerSecond,
            @DefaultValue("100000") int maxTrackedClients,
            @DefaultValue Map<String, Integer> perClient) {
    }
}
