#!/usr/bin/env bash
# Builds and runs the rule-engine JMH benchmark (bench/rules) and writes bench/rules/RESULTS.md.
#
#   bench/run-rules-bench.sh            # the recorded settings: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement
#   JMH_ARGS="-f 3" bench/run-rules-bench.sh   # extra JMH options, appended
#
# The benchmark is a standalone Maven project (not a module of the root pom): it uses the loyalty-rules jar that
# the first step installs into the local Maven repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench/rules"
JAR="$BENCH/target/rules-benchmarks.jar"
RESULTS="$BENCH/RESULTS.md"
OUT="$BENCH/target/jmh"
TARGET_US=50
cd "$ROOT"

echo "== building api and loyalty-rules (tests skipped) into the local repository"
./mvnw -B -q -pl api,loyalty-rules install -DskipTests
# loyalty-rules' pom names the root pom as its parent: on a fresh machine it has to be in the local repository too.
LOCAL_REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
if [ ! -f "$LOCAL_REPO/org/loyalty/loyalty-platform/0.1.0-SNAPSHOT/loyalty-platform-0.1.0-SNAPSHOT.pom" ]; then
    ./mvnw -B -q -N install
fi

echo "== building the benchmark uber jar"
./mvnw -B -q -f bench/rules/pom.xml package

mkdir -p "$OUT"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
JMH_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc)
# shellcheck disable=SC2206
EXTRA=(${JMH_ARGS:-})
JMH_CMD=(java -jar "$JAR" RuleEvaluationBenchmark "${JMH_OPTS[@]}" "${EXTRA[@]}" -rf csv -rff "$OUT/result.csv")
echo "== running: ${JMH_CMD[*]}"
"${JMH_CMD[@]}" | tee "$OUT/output.txt"

echo "== per-condition attribution"
COSTS_CMD=(java -cp "$JAR" org.loyalty.bench.ConditionCosts)
"${COSTS_CMD[@]}" | tee "$OUT/condition-costs.md"

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- RESULTS.md ----

score() { # benchmark[:secondary] -> "score error"
    awk -F, -v name="\"org.loyalty.bench.RuleEvaluationBenchmark.$1\"" '$1 == name { gsub(/"/, ""); printf "%.1f %.1f", $5, $6 }' "$OUT/result.csv"
}
read -r EVAL EVAL_ERR <<<"$(score evaluate50Rules)"
read -r COND COND_ERR <<<"$(score conditionsOnly)"
read -r EVAL_ALLOC _ <<<"$(score 'evaluate50Rules:gc.alloc.rate.norm')"
read -r COND_ALLOC _ <<<"$(score 'conditionsOnly:gc.alloc.rate.norm')"
SETUP_LINE="$(grep -m1 '^\[setup\]' "$OUT/output.txt" | sed 's/^\[setup\] //')"
if awk -v c="$COND" -v e="$EVAL" 'BEGIN { exit !(c < e) }'; then
    CEL_PART="about $(awk -v c="$COND" -v e="$EVAL" 'BEGIN { printf "%.0f", 100 * c / e }')%"
    ENGINE_PART="about $(awk -v c="$COND" -v e="$EVAL" 'BEGIN { printf "%.0f", (e - c) * 1000 / 50 }') ns per rule"
else
    CEL_PART="all of it within the error bars"
    ENGINE_PART="lost in the noise of this run"
fi
if awk -v e="$EVAL" -v t="$TARGET_US" 'BEGIN { exit !(e < t) }'; then
    VERDICT="**Met**: ${EVAL} us < ${TARGET_US} us."
else
    VERDICT="**Missed**: ${EVAL} us is $(awk -v e="$EVAL" -v t="$TARGET_US" 'BEGIN { printf "%.1f", e / t }')x the target of ${TARGET_US} us."
fi

{
    echo "# Rule engine benchmark"
    echo
    echo "Written by \`bench/run-rules-bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Do not edit by hand: run the script again."
    echo
    echo "## What is measured"
    echo
    echo "\`RuleEngine.evaluate\` on one purchase of 5 items (8 units) for a GOLD member with 12 purchases in the last"
    echo "90 days, against 50 live rules: the 7 built-in kinds (12 rules) and 38 marketers' CEL conditions over the items,"
    echo "the member and \`now\` (time zones, macros over items and over recent purchase times), with every action type,"
    echo "tier and segment targets, caps with usage, BEST_OF and a (not firing) STOP_AFTER. Setup: ${SETUP_LINE}."
    echo "\`conditionsOnly\` runs just the 50 compiled conditions on the same facts, to show how much of the time is CEL."
    echo
    echo "Target: **under ${TARGET_US} microseconds** per purchase for 50 rules."
    echo
    echo "## Machine"
    echo
    echo "- CPUs (nproc): $(nproc)"
    echo "- CPU: $( (lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1) || echo unknown)"
    echo "- Memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- OS: $(uname -sr)"
    echo "- Load average (1, 5, 15 min) before the run: ${LOAD_BEFORE}; after: ${LOAD_AFTER}. With $(nproc) CPUs, anything"
    echo "  else running at the same time shows up in the scores and their error bars."
    echo "- Java:"
    echo
    echo '```'
    java -version 2>&1
    echo '```'
    echo
    echo "## Commands"
    echo
    echo '```'
    echo "./mvnw -B -q -pl api,loyalty-rules install -DskipTests"
    echo "./mvnw -B -q -f bench/rules/pom.xml package"
    echo "${JMH_CMD[*]}" | sed "s|$ROOT/||g"
    echo "${COSTS_CMD[*]}" | sed "s|$ROOT/||g"
    echo '```'
    echo
    echo "## Results"
    echo
    echo "| Benchmark | Mode | Score | Error (99.9%) | Units | Allocated per op |"
    echo "|---|---|---:|---:|---|---:|"
    echo "| evaluate50Rules | avgt | ${EVAL} | ± ${EVAL_ERR} | us/op | $(awk -v b="$EVAL_ALLOC" 'BEGIN { printf "%.0f KB", b / 1024 }') |"
    echo "| conditionsOnly | avgt | ${COND} | ± ${COND_ERR} | us/op | $(awk -v b="$COND_ALLOC" 'BEGIN { printf "%.0f KB", b / 1024 }') |"
    echo
    echo "Target ${TARGET_US} us: ${VERDICT}"
    echo
    echo "JMH's own summary:"
    echo
    echo '```'
    sed -n '/^Benchmark /,$p' "$OUT/output.txt"
    echo '```'
    echo
    echo "## Where the time goes"
    echo
    echo "- The 50 CEL conditions are ${COND} us of the ${EVAL} us (${CEL_PART}). The engine's own work (sorting,"
    echo "  windows, targets, actions, caps, explanations, BEST_OF) is the rest: ${ENGINE_PART} (a difference of two"
    echo "  scores with their own error bars, so a rough figure)."
    echo "- cel-java 0.11.1 evaluates by walking the checked AST (\`DefaultInterpreter\`) and reads protobuf fields through"
    echo "  descriptors and reflection, adapting every message it touches to CEL values: even \`true\` has a fixed cost per"
    echo "  evaluation and a simple field comparison costs several hundred ns (table below). A run with JMH's \`-prof stack\`"
    echo "  (not part of this script) shows a flat"
    echo "  profile of \`DefaultInterpreter\` frames, \`DescriptorMessageProvider.selectField\`, \`ProtoAdapter.adaptProtoToValue\`"
    echo "  and \`Method.invoke\` of generated proto getters, with no single hot spot; \`-prof gc\` shows the allocation above."
    echo "- Macros cost per element: \`purchase.items.exists/filter/all\` walks and adapts each item, and the streak-style"
    echo "  conditions over \`member.recent_purchases\` adapt every timestamp and parse \`duration(\"...s\")\` again on each"
    echo "  evaluation; these are the dearest conditions below."
    echo
    echo "### Cost of each condition (rough: warmed-up loop, best of 5, not JMH)"
    echo
    cat "$OUT/condition-costs.md"
    echo
    echo "## Ways to reach the target (not applied: main code is unchanged)"
    echo
    echo "Tried on the side with the same 50 conditions: building the variables map once per purchase instead of once per"
    echo "rule, and cel-java's \`ConstantFoldingOptimizer\`, change nothing measurable; \`enableCelValue(true)\` is slower and"
    echo "changes results. What would help:"
    echo
    echo "1. Precomputed facts instead of macros: give \`Purchase\` e.g. \`map<string, int64> quantity_by_category\` and"
    echo "   \`quantity_by_sku\`, and \`Member\` counts such as \`purchases_last_7_days\`, filled once per purchase in FactsOf;"
    echo "   have \`BuiltInRules\` generate \`\"coffee\" in purchase.quantity_by_category\` and"
    echo "   \`member.purchases_last_7_days + 1 == 3\`. A membership test costs about what a field comparison costs (compare"
    echo "   \`\"students\" in member.segments\` with the \`exists\` and \`filter\` conditions in the table), so the dearest"
    echo "   conditions (several us each) would drop to under 1 us."
    echo "2. Evaluate the built-in kinds natively: \`BuiltInRules\` knows their parameters, so the engine can bind a Java"
    echo "   predicate to them (keeping the generated CEL as the readable, versioned source) and skip CEL for those rules."
    echo "3. Deduplicate identical conditions and sub-conditions across the live rules of a purchase (many rules ask"
    echo "   \`purchase.items.exists(i, i.category == \"coffee\")\`) and memoise them per purchase."
    echo "4. Smaller engine costs: sort the live rules once when the rule set changes rather than on every purchase, and"
    echo "   build the \`condition is false: ...\` explanations lazily."
    echo
    echo "(1) alone is probably not enough on this machine: 50 conditions at the average cost of the macro-free ones (the"
    echo "line under the table) still come to 40-odd us before the engine's own work, so it takes (2) or (3) as well to be"
    echo "comfortably under ${TARGET_US} us."
} >"$RESULTS"

echo "== wrote $RESULTS"
