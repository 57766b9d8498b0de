package org.loyalty.bench.load;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * After a run: nothing acknowledged was lost, nothing was earned twice, and the read models agree with the event
 * store. The acknowledged purchases are the generator's log (transaction id, member, points in the 201); the event
 * store is the truth. Read-model checks are repeated until they pass or {@code --timeout-s} runs out, since the
 * projections trail the store.
 */
final class Check {

    private static final String PURCHASE_RECORDED = "org.loyalty.api.purchase.PurchaseRecorded";
    private static final String POINTS_EARNED = "org.loyalty.api.purchase.PointsEarned";

    private Check() {
    }

    static int run(Options options) throws Exception {
        long deadline = System.nanoTime() + options.integer("timeout-s", 120) * 1_000_000_000L;
        try (Connection db = DriverManager.getConnection(options.required("jdbc"), options.string("user", "postgres"),
                options.string("password", ""))) {
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE TEMP TABLE ack (transaction_id TEXT PRIMARY KEY, member_id TEXT, points BIGINT)");
            }
            String acks = options.string("acks", null);
            long acknowledged = 0;
            if (acks != null && Files.exists(Path.of(acks))) {
                // A POS that retried after a lost answer logs the same purchase twice: the same answer, logged once.
                try (Statement sql = db.createStatement()) {
                    sql.execute("CREATE TEMP TABLE ack_raw (transaction_id TEXT, member_id TEXT, points BIGINT)");
                }
                try (Reader reader = Files.newBufferedReader(Path.of(acks))) {
                    ((PGConnection) db).getCopyAPI().copyIn("COPY ack_raw FROM STDIN WITH (FORMAT csv)", reader);
                }
                try (Statement sql = db.createStatement()) {
                    acknowledged = sql.executeUpdate("INSERT INTO ack SELECT DISTINCT ON (transaction_id) * FROM ack_raw");
                }
            }
            Map<String, Long> results = new LinkedHashMap<>();
            boolean passed = false;
            int rounds = 0;
            while (!passed) {
                rounds++;
                results = checks(db);
                passed = results.values().stream().allMatch(v -> v == 0);
                if (passed || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2000);
            }
            StringBuilder md = new StringBuilder();
            md.append(String.format("Acknowledged purchases checked: %d; events in the store: %d; members: %d; "
                            + "checks passed: %s (after %d round(s)).%n%n| check | violations |%n|---|---:|%n",
                    acknowledged, count(db, "SELECT count(*) FROM domainevententry"),
                    count(db, "SELECT count(*) FROM member_account"), passed ? "yes" : "NO", rounds));
            results.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
            String out = options.string("out", null);
            if (out != null) {
                Files.writeString(Path.of(out), md);
            }
            System.out.print(md);
            return passed ? 0 : 1;
        }
    }

    private static Map<String, Long> checks(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS stored");
            sql.execute("CREATE TEMP TABLE stored AS SELECT payloadtype AS type, aggregateidentifier AS member_id, "
                    + "convert_from(payload, 'UTF8')::jsonb AS body FROM domainevententry "
                    + "WHERE payloadtype IN ('" + PURCHASE_RECORDED + "', '" + POINTS_EARNED + "')");
            sql.execute("CREATE INDEX ON stored ((body->>'transactionId'))");
            sql.execute("ANALYZE stored");
        }
        Map<String, Long> results = new LinkedHashMap<>();
        results.put("acknowledged purchases missing from the event store (PurchaseRecorded)", count(db,
                "SELECT count(*) FROM ack a WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.type = '" + PURCHASE_RECORDED
                        + "' AND s.body->>'transactionId' = a.transaction_id AND s.member_id = a.member_id)"));
        results.put("transaction ids recorded more than once (PurchaseRecorded)", count(db,
                "SELECT count(*) FROM (SELECT 1 FROM stored WHERE type = '" + PURCHASE_RECORDED
                        + "' GROUP BY body->>'transactionId' HAVING count(*) > 1) d"));
        results.put("transaction ids that earned more than once (PointsEarned)", count(db,
                "SELECT count(*) FROM (SELECT 1 FROM stored WHERE type = '" + POINTS_EARNED
                        + "' GROUP BY body->>'transactionId' HAVING count(*) > 1) d"));
        results.put("acknowledged purchases whose PointsEarned differs from the points in the 201", count(db,
                "SELECT count(*) FROM ack a WHERE a.points <> coalesce((SELECT sum((s.body->>'points')::bigint) FROM stored s "
                        + "WHERE s.type = '" + POINTS_EARNED + "' AND s.body->>'transactionId' = a.transaction_id), 0)"));
        results.put("acknowledged purchases missing from the read model (purchase_history)", count(db,
                "SELECT count(*) FROM ack a WHERE NOT EXISTS (SELECT 1 FROM purchase_history p "
                        + "WHERE p.transaction_id = a.transaction_id)"));
        results.put("members whose balance differs from the sum of their ledger", count(db,
                "SELECT count(*) FROM member_account m WHERE m.balance <> coalesce((SELECT sum(l.points) FROM points_ledger l "
                        + "WHERE l.member_id = m.member_id), 0)"));
        results.put("members whose read-model balance differs from the event store's (last balanceAfter)", count(db,
                "SELECT count(*) FROM (SELECT DISTINCT ON (aggregateidentifier) aggregateidentifier AS member_id, "
                        + "(convert_from(payload, 'UTF8')::jsonb->>'balanceAfter')::bigint AS balance FROM domainevententry "
                        + "WHERE type = 'MemberAccount' AND position('\"balanceAfter\"' in convert_from(payload, 'UTF8')) > 0 "
                        + "ORDER BY aggregateidentifier, sequencenumber DESC) w "
                        + "LEFT JOIN member_account m ON m.member_id = w.member_id "
                        + "WHERE m.balance IS DISTINCT FROM w.balance"));
        return results;
    }

    static long count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
