package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database listens on TCP only, so a socket lock file left in /tmp by a server that never stopped (a
 * host restored from a snapshot) cannot keep it from starting on that port, whatever process now has the id it names.
 */
class EmbeddedDatabaseSocketIT {

    private static final Path SOCKET_DIRECTORY = Path.of("/tmp");

    @TempDir
    Path dataDirectory;

    @Test
    void startsOnAPortWhoseSocketLockALiveProcessSeemsToHoldAndLeavesNoSocketBehind() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path socket = SOCKET_DIRECTORY.resolve(".s.PGSQL." + port);
        Path staleLock = SOCKET_DIRECTORY.resolve(".s.PGSQL." + port + ".lock");
        // As PostgreSQL writes it: its process id, its data directory, its start time, its port and its socket
        // directory. The id is now another live process's (not this JVM's: PostgreSQL ignores its own ancestors').
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        Files.writeString(staleLock, unrelated.pid() + "\n/nowhere\n1796654266\n" + port + "\n/tmp\n");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseProperties.Embedded(dataDirectory, port, true))) {
            PlainJdbc.execute(database.coordinates(), "CREATE TABLE reachable (id int)");

            assertThat(PlainJdbc.countRows(database.coordinates(), "reachable")).isZero();
            assertThat(socket).as("no Unix-domain socket").doesNotExist();
        } finally {
            Files.deleteIfExists(staleLock);
            unrelated.destroy();
        }
    }
}
