package org.loyalty.infra.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at a new, empty embedded PostgreSQL data directory under target/ for each
 * test JVM. Durability is off: a test run need not survive a power cut, and fsync costs seconds.
 */
public class FreshEmbeddedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Path DATA_DIRECTORY = Path.of("target", "it-postgres", UUID.randomUUID().toString());

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fresh-embedded-database", Map.of(
                "loyalty.db.url", "",
                "loyalty.db.embedded.data-directory", DATA_DIRECTORY.toAbsolutePath().toString(),
                "loyalty.db.embedded.durable", "false")));
    }
}
