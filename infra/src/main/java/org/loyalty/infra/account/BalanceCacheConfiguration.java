package org.loyalty.infra.account;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.loyalty.infra.persistence.DatabaseCoordinates;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.account.BalanceCache;
import org.loyalty.query.account.BalanceChangeListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Balances kept in memory per node ({@link BalanceCache}), forgotten on the database's notifications
 * ({@link BalanceChangeListener}, on a connection of its own). {@code loyalty.accounts.balance-cache.size: 0}
 * turns it off: every balance read goes to the database.
 */
@Configuration(proxyBeanMethods = false)
class BalanceCacheConfiguration {

    @Bean
    BalanceCache balanceCache(AccountReader reader, Clock clock, MeterRegistry registry,
                              @Value("${loyalty.accounts.balance-cache.size:100000}") int size,
                              @Value("${loyalty.accounts.balance-cache.max-age:PT10M}") Duration maxAge) {
        BalanceCache cache = new BalanceCache(reader, clock, size, maxAge);
        FunctionCounter.builder("loyalty.balance.cache.reads", cache, BalanceCache::hits).tag("result", "hit")
                .description("Balance reads answered from the node's memory").register(registry);
        FunctionCounter.builder("loyalty.balance.cache.reads", cache, BalanceCache::misses).tag("result", "miss")
                .description("Balance reads that went to the database").register(registry);
        Gauge.builder("loyalty.balance.cache.size", cache, BalanceCache::size)
                .description("Members whose balance the node keeps in memory").register(registry);
        Gauge.builder("loyalty.balance.cache.listening", cache, c -> c.isListening() ? 1 : 0)
                .description("1 while the node hears the database's balance notifications (and so keeps balances)").register(registry);
        return cache;
    }

    @Bean(destroyMethod = "close")
    BalanceChangeListener balanceChangeListener(BalanceCache cache, DatabaseCoordinates db,
                                                @Value("${loyalty.accounts.balance-cache.heartbeat:PT1S}") Duration heartbeat) {
        Properties properties = new Properties();
        properties.setProperty("user", db.username());
        properties.setProperty("password", db.password() == null ? "" : db.password());
        properties.setProperty("ApplicationName", "loyalty balance-change-listener");
        // A silent connection is found by the heartbeat's SELECT 1, which fails after this long without an answer.
        properties.setProperty("socketTimeout", String.valueOf(Math.max(5, heartbeat.multipliedBy(5).toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        BalanceChangeListener listener = new BalanceChangeListener(() -> DriverManager.getConnection(db.jdbcUrl(), properties),
                cache, heartbeat, Duration.ofSeconds(1));
        if (cache.enabled()) {
            listener.start();
        }
        return listener;
    }
}
