package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseOwner.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            killedAfterItsFirstCommit(owner);
        } finally {
            owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
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

    private static void killedAfterItsFirstCommit(Process owner) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(EmbeddedDatabaseOwner.READY));
            assertThat(line).as("the owner JVM started its database and committed a row").isEqualTo(EmbeddedDatabaseOwner.READY);
        }
        owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
    }

    /** Runs in a child JVM: starts the embedded database, commits one row, then waits to be killed. */
    public static final class EmbeddedDatabaseOwner {

        static final String READY = "READY";

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseProperties.Embedded(Path.of(args[0]), 0, true));
            DatabaseCoordinates db = database.coordinates();
            PlainJdbc.execute(db, "CREATE TABLE survivor (id int PRIMARY KEY)", "INSERT INTO survivor VALUES (1)");
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
