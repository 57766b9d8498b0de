package org.loyalty.infra.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points each application context of the test run at a new, empty embedded PostgreSQL data directory
 * under target/ (Spring caches the contexts, so usually one per run). Durability is off: a test run
 * need not survive a power cut, and fsync costs seconds. Due work is polled often so that tests that
 * move the clock do not wait; webhooks are dispatched and retried within a second or two, with a short
 * request timeout, and expiring points are scanned twice a second. Every application signs and accepts tokens
 * with one key ({@link TestTokens}).
 */
public class FreshEmbeddedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dataDirectory = Path.of("target", "it-postgres", UUID.randomUUID().toString());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fresh-embedded-database", Map.ofEntries(
                Map.entry("loyalty.db.url", ""),
                Map.entry("loyalty.db.embedded.data-directory", dataDirectory.toAbsolutePath().toString()),
                Map.entry("loyalty.db.embedded.durable", "false"),
                Map.entry("loyalty.program.due-work.poll-interval", "PT0.2S"),
                Map.entry("loyalty.webhooks.poll-interval", "PT0.1S"),
                Map.entry("loyalty.webhooks.request-timeout", "PT1S"),
                Map.entry("loyalty.webhooks.lease", "PT5S"),
                // The test receivers listen on localhost (PublicAddressResolverGroupTest covers the refusal).
                Map.entry("loyalty.webhooks.allow-private-addresses", "true"),
                Map.entry("loyalty.webhooks.retry.delays", "PT0.2S,PT0.4S,PT0.8S"),
                Map.entry("loyalty.webhooks.retry.max-attempts", "4"),
                Map.entry("loyalty.webhooks.points-expiring.scan-interval", "PT0.5S"),
                Map.entry("loyalty.security.jwt.local-key-file", TestTokens.KEY_FILE.toString()),
                // Tests call fast; the rate limit itself is checked with a client of its own (AuthorizationIT).
                Map.entry("loyalty.security.rate-limit.requests-per-second", "100000"),
                Map.entry("loyalty.security.rate-limit.burst", "100000"),
                // AuthorizationIT's access matrix calls about 50 endpoints anonymously within a second once the JVM is
                // warm: the default 20/s (burst 40) answered some with 429 instead of 401.
                Map.entry("loyalty.security.rate-limit.anonymous-requests-per-second", "1000"),
                Map.entry("loyalty.security.rate-limit.per-client[rate-limit-test]", "2"))));
    }
}
