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
 * Times a read-model rebuild: with a processor's tokens deleted and its tables emptied (bench/run-bench.sh does it,
 * then starts this before the application), polls its tokens every 50 ms until every segment has passed the store's
 * newest event. The clock starts when the first token appears (the processor has started), so the application's
 * start is not in the rate.
 */
final class ReplayWait {

    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    /** A replay's token: the position reached is its current token's, not the one at the reset. */
    private static final Pattern CURRENT = Pattern.compile("\"currentToken\"\\s*:\\s*(null|\\{[^}]*\"index\"\\s*:\\s*(\\d+))");

    private ReplayWait() {
    }

    static int run(Options options) throws Exception {
        String processor = options.string("processor", "member-accounts");
        int segments = options.integer("segments", 2);
        long deadline = System.nanoTime() + options.integer("timeout-s", 1800) * 1_000_000_000L;
        try (Connection db = DriverManager.getConnection(options.required("jdbc"), options.string("user", "postgres"),
                options.string("password", ""))) {
            long head = Check.count(db, "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
            long events = Check.count(db, "SELECT count(*) FROM domainevententry");
            long firstAt = 0;
            long firstPosition = 0;
            long position = 0;
            while (System.nanoTime() < deadline) {
                long[] state = lowest(db, processor);
                position = state[1];
                long now = System.nanoTime();
                if (firstAt == 0 && state[0] > 0) {
                    firstAt = now;
                    firstPosition = position;
                }
                if (state[0] >= segments && position >= head) {
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
                Thread.sleep(50);
            }
            System.err.println("replay of " + processor + " did not reach " + head + " (at " + position + ")");
            return 1;
        }
    }

    static long position(String token) {
        if (token == null) {
            return 0;
        }
        Matcher current = CURRENT.matcher(token);
        if (current.find()) {
            return current.group(2) == null ? 0 : Long.parseLong(current.group(2));
        }
        Matcher index = INDEX.matcher(token);
        return index.find() ? Long.parseLong(index.group(1)) : 0;
    }

    /** How many segments have a token, and the lowest position among them. */
    private static long[] lowest(Connection db, String processor) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = '" + processor + "'")) {
            long lowest = Long.MAX_VALUE;
            int seen = 0;
            while (rows.next()) {
                seen++;
                lowest = Math.min(lowest, position(rows.getString(1)));
            }
            return new long[] {seen, seen == 0 ? 0 : lowest};
        }
    }
}
