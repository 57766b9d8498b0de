package org.loyalty.infra.persistence;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url} (environment: {@code LOYALTY_DB_URL}) the platform starts
 * its own PostgreSQL from {@code embedded.dataDirectory}; with one it uses that server, which several
 * instances of the platform may share.
 *
 * @param url      JDBC URL of an external PostgreSQL, e.g. {@code jdbc:postgresql://db:5432/loyalty}
 * @param r2dbcUrl optional R2DBC URL for the readers; derived from {@code url} when absent
 * @param poolSize JDBC connections (command handling and projections)
 */
@ConfigurationProperties("loyalty.db")
public record DatabaseProperties(
        String url,
        String r2dbcUrl,
        @DefaultValue("postgres") String username,
        @DefaultValue("") String password,
        @DefaultValue("20") int poolSize,
        @DefaultValue("10") int readPoolSize,
        @DefaultValue Embedded embedded) {

    public boolean isExternal() {
        return url != null && !url.isBlank();
    }

    /**
     * @param dataDirectory kept across restarts; delete it to start from scratch
     * @param port          0 picks a free port at every start
     * @param durable       fsync and synchronous commit on: an acknowledged purchase survives a power cut.
     *                      Tests switch it off for speed.
     */
    public record Embedded(
            @DefaultValue("data/postgres") Path dataDirectory,
            @DefaultValue("0") int port,
            @DefaultValue("true") boolean durable) {
    }
}
