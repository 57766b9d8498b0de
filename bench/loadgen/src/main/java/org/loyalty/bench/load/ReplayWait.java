package org.loyalty.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times a read-model rebuild: with a processor's tokens deleted (bench/run-bench.sh does it, the tables emptied,
 * before the application starts), polls its tokens until every segment has passed the store's newest event.
 * The rate counts from the first poll that sees progress, so the application's start is not in it.
 */
final class ReplayWait {

    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private ReplayWait() {
    }

    static int run(Options options) throws Exception {
        String processor = options.string("processor", "member-accounts");
        int segments = options.integer("segments", 8);
        long deadline = System.nanoTime() + options.integer("timeout-s", 1800) * 1_000_000_000L;
        try (Connection db = DriverManager.getConnection(options.required("jdbc"), options.string("user", "postgres"),
                options.string("password", ""))) {
            long head = Check.count(db, "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
            long events = Check.count(db, "SELECT count(*) FROM domainevententry");
            long firstAt = 0;
            long firstPosition = 0;
            long position = 0;
            while (System.nanoTime() < deadline) {
                position = lowest(db, processor, segments);
                long now = System.nanoTime();
                if (firstAt == 0 && position >= 0) {
                    firstAt = now;
                    firstPosition = position;
                }
                if (position >= head) {
                    double seconds = (now - firstAt) / 1e9;
                    double rate = (head - firstPosition) / Math.max(seconds, 1e-3);
                    String line = String.format(Locale.ROOT, "replay.processor=%s%nreplay.events=%d%nreplay.head=%d%n"
                                    + "replay.timed=%d%nreplay.seconds=%.1f%nreplay.rate=%.0f%n", processor, events, head,
                            head - firstPosition, seconds, rate);
                    System.out.print(line);
                    String out = options.string("out", null);
                    if (out != null) {
                        Files.writeString(Path.of(out), line);
                    }
                    return 0;
                }
                Thread.sleep(100);
            }
            System.err.println("replay of " + processor + " did not reach " + head + " (at " + position + ")");
            return 1;
        }
    }

    /** The lowest position over the processor's segments; -1 until every segment has a token. */
    private static long lowest(Connection db, String processor, int segments) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = '" + processor + "'")) {
            long lowest = Long.MAX_VALUE;
            int seen = 0;
            while (rows.next()) {
                seen++;
                String token = rows.getString(1);
                Matcher matcher = token == null ? null : INDEX.matcher(token);
                lowest = Math.min(lowest, matcher != null && matcher.find() ? Long.parseLong(matcher.group(1)) : 0);
            }
            return seen < segments ? -1 : lowest;
        }
    }
}
