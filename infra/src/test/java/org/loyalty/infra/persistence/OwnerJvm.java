package org.loyalty.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test's class path that plays the owner of an embedded database: its main method starts the
 * database, does its part and calls {@link #ready()}; the test waits for that, then kills or stops it.
 */
final class OwnerJvm implements AutoCloseable {

    static final String READY = "READY";

    private final Process process;
    private final BufferedReader output;
    private final List<String> printed = new ArrayList<>();

    private OwnerJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static OwnerJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new OwnerJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Called by the owner's main method once its database is up and its part done. */
    static void ready() {
        System.out.println(READY);
        System.out.flush();
    }

    /** Reads what the owner prints until it is ready; fails if it ends first. */
    void awaitReady() throws IOException {
        String line;
        do {
            line = output.readLine();
            printed.add(line);
        } while (line != null && !line.equals(READY));
        assertThat(line).as("the owner started its database: %s", printed).isEqualTo(READY);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (its shutdown hooks run), then all it printed, once it has exited. */
    List<String> terminate() throws Exception {
        process.toHandle().destroy(); // Process.destroy() would also close our end of its output
        String line;
        while ((line = output.readLine()) != null) {
            printed.add(line);
        }
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the owner exited").isTrue();
        return printed;
    }

    @Override
    public void close() throws Exception {
        kill();
        output.close();
    }
}
