package org.loyalty.infra.security;

import static org.loyalty.infra.security.AccessRules.anyMethod;
import static org.loyalty.infra.security.AccessRules.anyRole;
import static org.loyalty.infra.security.AccessRules.anyone;
import static org.loyalty.infra.security.AccessRules.rule;
import static org.loyalty.infra.security.AccessRules.theMemberItselfOrStaff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.loyalty.infra.security.apikey.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may call what. Bearer tokens (JWT) carry the roles; tills may use an API key instead. Every rule is
 * checked before the handler runs, so a refused request changes nothing and learns nothing: a member asking
 * for another member's data gets the same 403 whether that member exists or not.
 *
 * <table>
 *   <tr><th>paths</th><th>who</th></tr>
 *   <tr><td>health, info, the OpenAPI document and Swagger UI</td><td>anyone</td></tr>
 *   <tr><td>POST /api/v1/pos/purchases, /returns</td><td>pos (for its stores), admin</td></tr>
 *   <tr><td>POST /api/v1/members (enrol)</td><td>pos, staff, admin</td></tr>
 *   <tr><td>/api/v1/members/{id}/adjustments, POST .../interactions</td><td>staff, admin</td></tr>
 *   <tr><td>/api/v1/members/{id}/insights</td><td>marketer, staff, admin</td></tr>
 *   <tr><td>every other /api/v1/members/{id}/...</td><td>that member, staff, admin</td></tr>
 *   <tr><td>GET /api/v1/rewards</td><td>any of the roles</td></tr>
 *   <tr><td>/api/v1/rules, /campaigns, /analytics</td><td>marketer, admin</td></tr>
 *   <tr><td>everything else (webhooks, API keys, the actuator's metrics)</td><td>admin</td></tr>
 * </table>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Verified tokens (and their callers) a node remembers; far more than the tills and apps it serves at once. */
    private static final int TOKENS_REMEMBERED = 10_000;

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, SecurityProperties properties,
                                                  ApiKeys apiKeys, Clock clock) {
        SecurityProblems problems = new SecurityProblems();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // Spring's default security headers, written by SecurityHeaders instead of Spring's writers.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeaders()), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                // Every request brings its credentials: no session, nothing remembered between requests.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(accessRules()))
                .addFilterAt(ApiKeyAuthentication.filter(apiKeys, problems), SecurityWebFiltersOrder.HTTP_BASIC)
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new BearerTokenHeader())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(new JwtCallers(properties.jwt(), TOKENS_REMEMBERED)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new RateLimitFilter(properties.rateLimit(), new RateLimiter(clock, properties.rateLimit().maxTrackedClients())),
                        SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * No observation of Spring Security's own filters: their spans and timers were off already
     * ({@code management.observations.enable.spring.security: false}), but the filter chain was still wrapped, filter
     * by filter, in observing decorators that recorded nothing (4% of a purchase's request handling on the event loop in
     * a profile; too little to show in a ceiling's noise, bench/NOTES.md item 20). The HTTP request itself stays
     * observed ({@code http_server_requests_seconds}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The table above, in its order: the first rule that matches decides. */
    static AccessRules accessRules() {
        Role pos = Role.POS, staff = Role.STAFF, marketer = Role.MARKETER, admin = Role.ADMIN;
        return new AccessRules(List.of(
                anyMethod(anyone(), PUBLIC),
                rule(HttpMethod.POST, anyRole(pos, admin), "/api/v1/pos/purchases", "/api/v1/pos/returns"),
                rule(HttpMethod.POST, anyRole(pos, staff, admin), "/api/v1/members"),
                anyMethod(anyRole(staff, admin), "/api/v1/members/{memberId}/adjustments", "/api/v1/members/{memberId}/adjustments/**"),
                rule(HttpMethod.POST, anyRole(staff, admin), "/api/v1/members/{memberId}/interactions"),
                anyMethod(anyRole(marketer, staff, admin), "/api/v1/members/{memberId}/insights"),
                anyMethod(theMemberItselfOrStaff("memberId"), "/api/v1/members/{memberId}", "/api/v1/members/{memberId}/**"),
                rule(HttpMethod.GET, anyRole(Role.MEMBER, pos, marketer, staff, admin), "/api/v1/rewards"),
                anyMethod(anyRole(marketer, admin), "/api/v1/rules", "/api/v1/rules/**", "/api/v1/campaigns", "/api/v1/campaigns/**",
                        "/api/v1/analytics", "/api/v1/analytics/**")),
                anyRole(admin));
    }

    /**
     * Spring Security's strict firewall, with its header checks done by a loop rather than regular expressions, and
     * the request it guards wrapped once per exchange rather than at every look at it.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        return new RequestWrappedOnceFirewall(firewall);
    }

    /** Requests the firewall refuses (an encoded slash in the path, ...) get a problem+json 400 like any other. */
    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchanges() {
        return new SecurityProblems();
    }

    @Bean
    ApiKeys apiKeys(DatabaseClient db, Clock clock, SecurityProperties properties) {
        return new ApiKeys(db, clock, properties.apiKeys().cacheTtl(), properties.apiKeys().rotationGrace());
    }

    /**
     * The token checker: an identity provider's (issuer URI), a configured public key, or, by default, the
     * platform's own key, generated at first start.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, ResourceLoader resources) {
        SecurityProperties.Jwt settings = properties.jwt();
        NimbusReactiveJwtDecoder decoder;
        String issuer = settings.issuer();
        if (!settings.issuerUri().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
            issuer = issuer.isBlank() ? settings.issuerUri() : issuer;
        } else if (!settings.publicKeyLocation().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(resources, settings.publicKeyLocation())).build();
        } else {
            Path keyFile = Path.of(settings.localKeyFile());
            LocalSigningKey key = LocalSigningKey.loadOrCreate(keyFile);
            log.info("Signing and accepting local tokens with the key in {}; mint one with: java tools/MintToken.java --key {} admin",
                    keyFile.toAbsolutePath(), keyFile.toAbsolutePath());
            decoder = NimbusReactiveJwtDecoder.withPublicKey(key.publicKey()).build();
            issuer = LocalSigningKey.ISSUER;
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // Expiry is wall-clock time, not the program's (possibly simulated) Clock.
        validators.add(new JwtTimestampValidator());
        if (!issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!settings.audience().isBlank()) {
            String audience = settings.audience();
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // Wall-clock time, as the validators use: a remembered token stops working when it expires.
        return new CachingJwtDecoder(decoder, Clock.systemUTC(), TOKENS_REMEMBERED);
    }

    private static RSAPublicKey publicKey(ResourceLoader resources, String location) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read loyalty.security.jwt.public-key-location " + location, e);
        }
    }
}
