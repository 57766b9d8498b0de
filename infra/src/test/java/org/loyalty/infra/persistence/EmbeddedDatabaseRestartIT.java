package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database keeps its data across restarts, also when the JVM that ran it was killed
 * with SIGKILL and left its PostgreSQL running without an owner.
 */
class EmbeddedDatabaseRestartIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aServerOrphanedByAKilledJvmIsStoppedAndItsCommittedDataSurvivesTheRestart() throws Exception {
        try (OwnerJvm owner = OwnerJvm.start(EmbeddedDatabaseOwner.class, dataDirectory.toString())) {
            owner.awaitReady(); // its database started and a row committed
            owner.kill();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("kill -9 leaves PostgreSQL running").isTrue();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(new DatabaseProperties.Embedded(dataDirectory, 0, true))) {
            assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
            assertThat(PlainJdbc.countRows(restarted.coordinates(), "survivor")).isEqualTo(1);
        } finally {
            orphan.destroy();
        }
    }

    /** Runs in a child JVM: starts the embedded database, commits one row, then waits to be killed. */
    public static final class EmbeddedDatabaseOwner {

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseProperties.Embedded(Path.of(args[0]), 0, true));
            DatabaseCoordinates db = database.coordinates();
            PlainJdbc.execute(db, "CREATE TABLE survivor (id int PRIMARY KEY)", "INSERT INTO survivor VALUES (1)");
            OwnerJvm.ready();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
