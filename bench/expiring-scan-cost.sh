#!/usr/bin/env bash
# What the points-expiring scan (ExpiringPointsScan) costs without an index on member_account.points_expire_at,
# which V15 dropped so that the accounts' updates stay on their page (bench/NOTES.md item 53): its query, three
# times without that index and three times with it, on MEMBERS (1,870,000, the size of bench/RESULTS-scale.md's
# store) synthetic accounts with 3 buckets each, whose inactivity dates are spread over a year (so 1 in 52 expire
# within the scan's 7 days). Prints the table's size, how many accounts expire within the window, and each
# query's plan lines for member_account and execution time.
#   bench/expiring-scan-cost.sh        (JAR: the application jar, default infra/target/infra-0.1.0-SNAPSHOT.jar)
# Needs curl and psql.
set -u
cd "$(dirname "$0")/.."
JAR=${JAR:-infra/target/infra-0.1.0-SNAPSHOT.jar}
MEMBERS=${MEMBERS:-1870000}
W=$(mktemp -d /tmp/loyalty-scan-XXXXXX); D=$W/pg
java -Xmx1g -jar "$JAR" --server.port=18700 --loyalty.db.embedded.data-directory="$D" \
  --loyalty.security.jwt.local-key-file="$W/jwt.pem" --logging.level.root=WARN > "$W/app.log" 2>&1 &
APP=$!
trap 'kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 90); do curl -sf localhost:18700/actuator/health > /dev/null && break; sleep 1; done
curl -sf localhost:18700/actuator/health > /dev/null || { echo "the application did not start:" >&2; tail -20 "$W/app.log" >&2; exit 1; }
P() { psql -h localhost -p "$(sed -n 4p "$D/postmaster.pid")" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
P <<SQL
-- Replica mode skips the tables' triggers (the balance-change notifications of two million rows).
SET session_replication_role = replica;
INSERT INTO member_account (member_id, enrolled_at, balance, lifetime_earned, updated_at, points_expire_at)
SELECT 'SCAN-' || g, now() - interval '2 years', 300, 300, now(), now() + (g % 365) * interval '1 day' + interval '1 hour'
  FROM generate_series(1, $MEMBERS) g;
INSERT INTO points_bucket (member_id, bucket_id, points, remaining, available_at, expires_at)
SELECT 'SCAN-' || g, 'B' || b || '-' || g, 100, 100, now() - interval '1 year', NULL
  FROM generate_series(1, $MEMBERS) g, generate_series(1, 3) b;
INSERT INTO webhook_subscription (subscription_id, url, events, secret, created_at)
VALUES (gen_random_uuid(), 'https://example.com/hook', ARRAY['POINTS_EXPIRING'], 'x', now());
VACUUM ANALYZE member_account; VACUUM ANALYZE points_bucket;
SQL
P -c "SELECT pg_size_pretty(pg_relation_size('member_account')), (SELECT count(*) FROM member_account WHERE points_expire_at > now() AND points_expire_at <= now() + interval '7 days')"
# ExpiringPointsScan's query with the window from now and the first round's limit (keep the two alike).
Q="EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY ON) WITH expiring AS (
    SELECT b.member_id, b.expires_at, b.remaining AS points FROM points_bucket b JOIN member_account a ON a.member_id = b.member_id
     WHERE b.remaining > 0 AND b.expires_at > now() AND b.expires_at <= now() + interval '7 days'
       AND (a.points_expire_at IS NULL OR b.expires_at < a.points_expire_at)
    UNION ALL
    SELECT a.member_id, a.points_expire_at, (SELECT coalesce(sum(b.remaining), 0) FROM points_bucket b
             WHERE b.member_id = a.member_id AND b.remaining > 0 AND (b.expires_at IS NULL OR b.expires_at >= a.points_expire_at))
      FROM member_account a WHERE a.points_expire_at > now() AND a.points_expire_at <= now() + interval '7 days'
), by_day AS (
    SELECT member_id, (expires_at AT TIME ZONE 'UTC')::date AS expiry_date, min(expires_at) AS expires_at, sum(points) AS points
      FROM expiring GROUP BY 1, 2 HAVING sum(points) > 0)
SELECT e.member_id, e.expiry_date, e.expires_at, e.points FROM by_day e
 WHERE EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.deleted_at IS NULL AND 'POINTS_EXPIRING' = ANY (s.events)
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.subscription_id
                                   AND d.event_id = 'points-expiring:' || e.member_id || ':' || e.expiry_date::text))
 ORDER BY e.expires_at, e.member_id LIMIT 500"
for i in 1 2 3; do echo "== without the index, run $i"; P -c "$Q" | grep -E "Execution Time|Seq Scan on member_account|Index.*member_account"; done
P -c "CREATE INDEX member_account_points_expire_at ON member_account (points_expire_at) WHERE points_expire_at IS NOT NULL"
for i in 1 2 3; do echo "== with the index, run $i"; P -c "$Q" | grep -E "Execution Time|Seq Scan on member_account|Index.*member_account"; done
