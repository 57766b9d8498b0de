package org.loyalty.infra.persistence;

/** How to reach the database, whichever server it is: JDBC for writes, R2DBC for reads. */
public record DatabaseCoordinates(String jdbcUrl, String r2dbcUrl, String username, String password) {

    /** jdbc:postgresql://host:port/db?ssl=... becomes r2dbc:postgresql://host:port/db?ssl=... */
    static String r2dbcUrlFor(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("loyalty.db.url must start with jdbc:postgresql:// (got " + jdbcUrl
                    + "); set loyalty.db.r2dbc-url for other forms");
        }
        return "r2dbc:" + jdbcUrl.substring("jdbc:".length());
    }
}
