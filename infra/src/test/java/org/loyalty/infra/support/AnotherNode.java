package org.loyalty.infra.support;

import java.util.ArrayList;
import java.util.List;
import org.loyalty.infra.LoyaltyApplication;
import org.loyalty.infra.persistence.DatabaseCoordinates;
import org.loyalty.infra.persistence.DatabaseProperties;
import org.loyalty.infra.privacy.PrivacyConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts one more instance of the platform on the test's database, as a scaled-out deployment runs them. */
public final class AnotherNode {

    private AnotherNode() {
    }

    /** Settings given as command-line arguments: they outrank application.yml, as LOYALTY_DB_URL does in production. */
    public static ConfigurableApplicationContext start(DatabaseCoordinates database, DatabaseProperties databaseProperties, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--loyalty.db.url=" + database.jdbcUrl(),
                "--loyalty.db.username=" + database.username(),
                "--loyalty.db.password=" + database.password(),
                // Every node needs the master key that wraps the members' data keys.
                "--loyalty.privacy.master-key-file=" + PrivacyConfiguration.defaultMasterKeyFile(databaseProperties),
                "--server.port=0",
                "--loyalty.security.jwt.local-key-file=" + TestTokens.KEY_FILE));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(LoyaltyApplication.class).run(arguments.toArray(String[]::new));
    }
}
