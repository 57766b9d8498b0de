package org.loyalty.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Enrolls the population up front (closed loop, as fast as the platform takes it) and writes the member ids. */
final class Enroll {

    private Enroll() {
    }

    static int run(Options options) throws Exception {
        List<URI> bases = options.bases();
        int members = options.integer("members", 1000);
        int threads = options.integer("threads", 16);
        String auth = options.bearer("admin-token");
        String prefix = options.string("run-id", Long.toString(System.currentTimeMillis(), 36));
        List<String> ids = Collections.synchronizedList(new ArrayList<>(members));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                HttpConnection connection = new HttpConnection(bases.get(index % bases.size()));
                for (int i = next.getAndIncrement(); i < members; i = next.getAndIncrement()) {
                    String body = "{\"name\":\"Bench Member " + i + "\",\"email\":\"bench-" + prefix + "-" + i
                            + "@example.com\",\"birthday\":\"19" + (50 + i % 50) + "-0" + (1 + i % 9) + "-1" + (i % 10)
                            + "\",\"marketingConsent\":" + (i % 3 != 0) + "}";
                    String id = enroll(connection, auth, body, failures);
                    if (id != null) {
                        ids.add(id);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.write(Path.of(options.required("out")), ids, StandardCharsets.UTF_8);
        System.err.printf("[loadgen] enrolled %d members in %.1f s (%.0f/s), %d failures%n", ids.size(), seconds,
                ids.size() / seconds, failures.get());
        // The balance is a projection: wait until the last member enrolled is readable.
        HttpConnection connection = new HttpConnection(bases.get(0));
        for (int i = 0; i < 600 && !ids.isEmpty(); i++) {
            try {
                if (connection.send("GET", "/api/v1/members/" + ids.get(ids.size() - 1) + "/balance", auth, null, 5000)
                        .status() == 200) {
                    break;
                }
            } catch (IOException e) {
                // retry
            }
            Thread.sleep(100);
        }
        return failures.get() == 0 ? 0 : 1;
    }

    private static String enroll(HttpConnection connection, String auth, String body, AtomicInteger failures) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpConnection.Response answer = connection.send("POST", "/api/v1/members", auth,
                        body.getBytes(StandardCharsets.UTF_8), 30_000);
                if (answer.status() == 201) {
                    int at = answer.body().indexOf("\"memberId\":\"") + 12;
                    return answer.body().substring(at, answer.body().indexOf('"', at));
                }
                System.err.println("[loadgen] enrol -> " + answer.status() + " " + answer.body());
                if (answer.status() < 500) {
                    break;
                }
            } catch (IOException e) {
                System.err.println("[loadgen] enrol -> " + e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failures.incrementAndGet();
        return null;
    }
}
