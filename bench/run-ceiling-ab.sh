#!/usr/bin/env bash
# Purchase ceiling of one application jar, for before/after comparisons of a change (a quick A/B, not the full
# harness: bench/run-bench.sh is that). Starts the jar on its embedded PostgreSQL, enrols MEMBERS (2,000) members, offers
# 700 purchases/s open loop for DURATION_S (30) s after WARMUP_S (30) s of warm-up (64 connections) and prints what was answered per second.
#   JAR=path/to/infra.jar LABEL=name bench/run-ceiling-ab.sh [extra application arguments]
# Purchases go with a till token per store; WIDE_POS=1 sends one token naming all 500 stores instead (8 KB a request,
# as the harness did before per-store tokens). KIND=balance offers 2,000 balance
# reads/s instead of purchases. RATE offers another rate (requests/s) of the kind measured.
# Also prints the application's and PostgreSQL's CPU milliseconds per request over the measured window, the
# database's committed transactions per request, the share of the accounts' row updates PostgreSQL made in place on
# their page (HOT, pg_stat_user_tables, over the whole run), the application's bytes allocated per request (a figure
# that does not depend on the host's speed), and the host's speed before the jar started (loadgen yardstick).
# The JIT compiler is still busy after the default 30 s warm-up under saturation: a purchase cost 5.75 ms of
# application CPU then, 2.9 ms after WARMUP_S=240 (10,000 members, JFR on). Compare jars at the same warm-up; for absolute figures use the
# harness (bench/run-bench.sh load ceiling), whose ceiling follows minutes of load.
# APP_JAVA: the java that runs the jar (default java). JOPTS: the application's JVM options (default -XX:+UseG1GC -XX:MaxTenuringThreshold=2, as the README runs it; JOPTS=-XX:+UseZGC for ZGC).
# Needs bench/loadgen/target/loadgen.jar (./mvnw -f bench/loadgen/pom.xml package), curl and psql.
set -u
cd "$(dirname "$0")/.."
JAR=${JAR:-infra/target/infra-0.1.0-SNAPSHOT.jar}
LABEL=${LABEL:-ab}
KIND=${KIND:-purchase}
WARMUP_S=${WARMUP_S:-30}
if [ "$KIND" = balance ]; then PURCHASE_RATE=0.001; BALANCE_RATE=${RATE:-2000}; else PURCHASE_RATE=${RATE:-700}; BALANCE_RATE=0.001; fi
W=$(mktemp -d /tmp/loyalty-ab-XXXXXX)
trap 'kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null; rm -rf "$W"' EXIT
# How fast the host runs a fixed piece of work before the jar starts (bench/loadgen's yardstick): runs on hosts that
# differ, or on one host that drifts, show here rather than as a difference between jars.
LG=(java -Xms256m -Xmx512m -XX:+UseSerialGC -jar bench/loadgen/target/loadgen.jar)
HOST_SPEED=$("${LG[@]}" yardstick | sed -n 's/^yardstick.units_per_s=//p')
"${APP_JAVA:-java}" -Xms1g -Xmx1g ${JOPTS:--XX:+UseG1GC -XX:MaxTenuringThreshold=2} -jar "$JAR" --server.port=18600 --loyalty.db.embedded.data-directory="$W/pg" \
  --loyalty.security.jwt.local-key-file="$W/jwt.pem" --loyalty.security.rate-limit.requests-per-second=1000000 \
  --loyalty.security.rate-limit.burst=1000000 --server.max-http-request-header-size=16KB --logging.level.root=WARN "$@" > "$W/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 90); do curl -sf localhost:18600/actuator/health > /dev/null && break; sleep 1; done
ADMIN=$(java tools/MintToken.java --key "$W/jwt.pem" admin)
java tools/MintToken.java --key "$W/jwt.pem" pos --per-store --stores "$(seq -s, -f 'STORE-%g' 1 500)" > "$W/pos-tokens.txt"
POS_AUTH=(--pos-tokens "$W/pos-tokens.txt")
[ "${WIDE_POS:-}" = 1 ] && POS_AUTH=(--pos-token "$(java tools/MintToken.java --key "$W/jwt.pem" pos --stores "$(seq -s, -f 'STORE-%g' 1 500)")")
"${LG[@]}" enroll --base http://localhost:18600 --members "${MEMBERS:-2000}" --run-id "ab$LABEL" --threads 16 --out "$W/members.txt" \
  --admin-token "$ADMIN" > "$W/enroll.log" 2>&1
# CPU time (clock ticks) of the application and of its embedded PostgreSQL (the postmaster on $W/pg, its own and its
# finished children's time, and its live backends): per request, a figure that holds when the machine is shared.
cpu_ticks() {
  local app pg=0 pm="" pid child
  app=$(awk '{print $14 + $15}' "/proc/$APP/stat")
  for pid in $(pgrep -f -- "$W/pg"); do [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] && pm=$pid && break; done
  if [ -n "$pm" ]; then
    pg=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for child in $(pgrep -P "$pm"); do pg=$((pg + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
  fi
  echo "$app $pg $(pg_commits)"
}
# One query's answer from the platform's embedded database; its port is in the data directory's postmaster.pid.
app_db() {
  psql -h localhost -p "$(sed -n 4p "$W/pg/postmaster.pid" 2>/dev/null)" -U postgres -d postgres -qAt -c "$1" 2>/dev/null
}
# Transactions committed in the platform's database (pg_stat_database): the commands', every event processor
# batch's, and every read (each autocommitted query counts).
pg_commits() { app_db "SELECT sum(xact_commit) FROM pg_stat_database" || echo 0; }
# Bytes the application has allocated so far: Micrometer's count of what each young collection found allocated, plus
# what the young generation holds now (G1 empties its eden at each young collection), so that the figure does not move
# in steps of a whole young generation. With another collector the eden is not found and the count alone is used.
metric() {
  curl -sf -H "Authorization: Bearer $ADMIN" "localhost:18600/actuator/metrics/$1" | sed -n 's/.*"value":\([-0-9.E]*\).*/\1/p'
}
allocated_bytes() {
  awk -v c="$(metric jvm.gc.memory.allocated)" -v e="$(metric 'jvm.memory.used?tag=id:G1%20Eden%20Space')" 'BEGIN { printf "%.0f", c + e }'
}
"${LG[@]}" run --base http://localhost:18600 --members-file "$W/members.txt" --run-id "ab${LABEL}p" --purchase-rate "$PURCHASE_RATE" \
  --balance-rate "$BALANCE_RATE" --ledger-rate 0.001 --return-share 0 --redeem-share 0 --lag-sample 0 --warmup-s "$WARMUP_S" --duration-s "${DURATION_S:-30}" \
  --workers 64 --drain false --acks "$W/acks.csv" --out "$W/ceil" --admin-token "$ADMIN" "${POS_AUTH[@]}" > "$W/run.log" 2>&1 &
GEN=$!
sleep "$WARMUP_S"   # the warm-up (the JIT compiler is busy well into it)
read -r APP0 PG0 TX0 < <(cpu_ticks)
ALLOC0=$(allocated_bytes)
wait "$GEN"
read -r APP1 PG1 TX1 < <(cpu_ticks)
ALLOC1=$(allocated_bytes)
OK=$(sed -n "s/^$KIND.ok=//p" "$W/ceil.properties")
# Statistics reach pg_stat_user_tables within a second or so of each transaction; the run has just ended.
sleep 2
HOT=$(app_db "SELECT round(100.0 * n_tup_hot_upd / nullif(n_tup_upd, 0), 1) FROM pg_stat_user_tables WHERE relname = 'member_account'")
TICK_MS=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')
echo "$LABEL: $(grep -h "$KIND.rate\|$KIND.errors" "$W/ceil.properties" | tr '\n' ' ')$(awk -v a=$((APP1 - APP0)) -v p=$((PG1 - PG0)) -v n="$OK" -v t="$TICK_MS" \
  -v x=$((TX1 - TX0)) -v b=$((ALLOC1 - ALLOC0)) 'BEGIN { if (n > 0) printf "cpu_ms_per_request: app=%.2f postgres=%.2f commits_per_request=%.2f allocated_kb_per_request=%.1f", a * t / n, p * t / n, x / n, b / 1024 / n }') account_updates_hot_pct=${HOT:-n/a} host_units_per_s=$HOST_SPEED"
