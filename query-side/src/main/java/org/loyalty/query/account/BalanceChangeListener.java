package org.loyalty.query.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the database's notifications of changed balances ({@value #CHANNEL}, sent by the triggers of
 * {@code V12__balance_change_notifications.sql} on every commit that touches a balance's rows, whoever made it)
 * on a connection of its own, and tells the {@link BalanceCache}. One thread per node.
 *
 * <p>The cache keeps answers only while this listener is connected: connecting, it listens first and then lets the
 * cache start afresh; on any failure the cache forgets everything and keeps nothing until the listener is back.
 * A connection that died without a word (no reset from the server) is found by a {@code SELECT 1} after every
 * {@code heartbeat} without notifications, which fails within the connection's socket timeout.
 */
public final class BalanceChangeListener implements AutoCloseable {

    public static final String CHANNEL = "balance_changed";
    /** The payload that means "every member" (a balance table was truncated). */
    static final String EVERY_MEMBER = "*";

    private static final Logger log = LoggerFactory.getLogger(BalanceChangeListener.class);

    /** Opens the listener's own connection (not one of a pool: it is held for as long as the node runs). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final BalanceCache cache;
    private final Duration heartbeat;
    private final Duration retryDelay;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection current;

    public BalanceChangeListener(ConnectionSource connections, BalanceCache cache, Duration heartbeat, Duration retryDelay) {
        this.connections = connections;
        this.cache = cache;
        this.heartbeat = heartbeat;
        this.retryDelay = retryDelay;
        this.thread = new Thread(this::run, "balance-change-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        boolean failing = false;
        while (running) {
            try {
                listen(failing);
                failing = false;
            } catch (SQLException | RuntimeException e) {
                cache.listening(false);
                if (!running) {
                    break;
                }
                if (!failing) {
                    log.warn("Lost the database's balance notifications ({}); balances are read from the database until they are back", e.toString());
                }
                failing = true;
                pause(retryDelay);
            }
        }
        cache.listening(false);
    }

    private void listen(boolean reconnecting) throws SQLException {
        try (Connection connection = connections.open()) {
            current = connection;
            connection.setAutoCommit(true);
            execute(connection, "LISTEN " + CHANNEL);
            cache.listening(true);
            if (reconnecting) {
                log.info("Hearing the database's balance notifications again; balances are kept in memory again");
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] received = notifications.getNotifications((int) heartbeat.toMillis());
                if (received == null || received.length == 0) {
                    execute(connection, "SELECT 1");
                    continue;
                }
                for (PGNotification notification : received) {
                    changed(notification.getParameter());
                }
            }
        } finally {
            current = null;
        }
    }

    private void changed(String payload) {
        if (EVERY_MEMBER.equals(payload)) {
            cache.forgetAll();
        } else {
            cache.forget(Arrays.asList(payload.split(",")));
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening; the cache keeps nothing from here on. */
    @Override
    public void close() {
        running = false;
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing only to wake the thread: nothing to do about a failure
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.listening(false);
    }
}
