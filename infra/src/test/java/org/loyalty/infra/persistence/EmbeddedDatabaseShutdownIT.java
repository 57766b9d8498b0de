package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SIGTERM the embedded server stops after its owner has closed it: an application that is still finishing its
 * requests and writes when the JVM begins to exit finds its database up. A child JVM plays the application.
 */
class EmbeddedDatabaseShutdownIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aWriteMadeWhileTheOwnerShutsDownIsCommittedBeforeTheServerStops() throws Exception {
        List<String> output = terminated(SlowlyClosingOwner.class, dataDirectory.toString());

        assertThat(output).as("the owner's last write, made 2 s after SIGTERM").contains(SlowlyClosingOwner.COMMITTED);
        assertThat(dataDirectory.resolve("postmaster.pid")).as("the server was stopped cleanly").doesNotExist();
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(new DatabaseProperties.Embedded(dataDirectory, 0, true))) {
            assertThat(PlainJdbc.countRows(restarted.coordinates(), "written_on_the_way_out")).isEqualTo(1);
        }
    }

    @Test
    void anOwnerThatNeverClosesTheServerLeavesNoServerRunningOnceTheGraceIsOver() throws Exception {
        List<String> output = terminated(NeverClosingOwner.class, dataDirectory.toString());

        assertThat(output).contains(OwnerJvm.READY);
        assertThat(output).anyMatch(line -> line != null && line.contains("was not closed within PT2S"));
        assertThat(dataDirectory.resolve("postmaster.pid")).as("the server was stopped by its own hook").doesNotExist();
    }

    /** Starts the owner in a child JVM, waits until it is ready, sends SIGTERM and returns all it printed. */
    private static List<String> terminated(Class<?> owner, String... args) throws Exception {
        try (OwnerJvm jvm = OwnerJvm.start(owner, args)) {
            jvm.awaitReady();
            return jvm.terminate();
        }
    }

    /**
     * Like a Spring application on SIGTERM: its own shutdown hook finishes a write 2 s later (a fast stop of
     * PostgreSQL takes well under that), then closes the database.
     */
    public static final class SlowlyClosingOwner {

        static final String COMMITTED = "LAST WRITE COMMITTED";

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseProperties.Embedded(Path.of(args[0]), 0, true));
            DatabaseCoordinates db = database.coordinates();
            PlainJdbc.execute(db, "CREATE TABLE written_on_the_way_out (id int PRIMARY KEY)");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                    PlainJdbc.execute(db, "INSERT INTO written_on_the_way_out VALUES (1)");
                    System.out.println(COMMITTED);
                } catch (Exception e) {
                    System.out.println("LAST WRITE FAILED: " + e);
                } finally {
                    try {
                        database.close();
                    } catch (Exception e) {
                        System.out.println("CLOSE FAILED: " + e);
                    }
                }
            }, "application-shutdown"));
            OwnerJvm.ready();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts the database with a 2 s grace and never closes it. */
    public static final class NeverClosingOwner {

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase.start(new DatabaseProperties.Embedded(Path.of(args[0]), 0, true), Duration.ofSeconds(2));
            OwnerJvm.ready();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
