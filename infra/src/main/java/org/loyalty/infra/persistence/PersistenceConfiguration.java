package org.loyalty.infra.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One PostgreSQL, two drivers: JDBC (Hikari) for the event store, token store, claims and projection
 * writes, all in one transaction per command or event batch; R2DBC for the non-blocking readers.
 * Declared here because R2DBC on the classpath turns Boot's DataSource auto-configuration off.
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties) {
        return properties.isExternal() ? EmbeddedDatabaseHolder.none() : EmbeddedDatabaseHolder.of(EmbeddedDatabase.start(properties.embedded()));
    }

    @Bean
    DatabaseCoordinates databaseCoordinates(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        if (!properties.isExternal()) {
            return embedded.database().orElseThrow().coordinates();
        }
        String r2dbcUrl = properties.r2dbcUrl() != null && !properties.r2dbcUrl().isBlank()
                ? properties.r2dbcUrl() : DatabaseCoordinates.r2dbcUrlFor(properties.url());
        return new DatabaseCoordinates(properties.url(), r2dbcUrl, properties.username(), properties.password());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseCoordinates db, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("loyalty-jdbc");
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseCoordinates db, DatabaseProperties properties) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(db.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, db.username())
                .option(ConnectionFactoryOptions.PASSWORD, db.password())
                .build();
        ConnectionFactory factory = ConnectionFactories.get(options);
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("loyalty-r2dbc")
                .initialSize(1)
                .maxSize(properties.readPoolSize())
                .build());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }
}
