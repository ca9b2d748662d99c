#!/usr/bin/env bash
# Runs the same definition on the same input through Stepstream's interpreter and through the peer
# aws-local-stepfunctions (npm, pinned), one thread each, and prints both rates and the ratio.
# Builds what it needs; runs from a clean checkout in about two minutes with the defaults.
#
# Knobs (environment):
#   DEFINITION=five-states       a file bench/machines/<name>.asl.json (input and expected output are
#                                five-states.input.json and five-states.output.json)
#   VARIANTS="EXPRESS_OFF EXPRESS_ALL STANDARD"   Stepstream variants to measure
#   WARMUP=5 ROUND_SECONDS=4 ROUNDS=3
#                                per side: warm-up seconds, then ROUNDS timed rounds of ROUND_SECONDS
#                                each; the median round is the rate
#   JMH=0                        1 also runs the JMH benchmark afterwards, with JMH_ARGS (JSON results
#                                in bench/results/, ignored by git)
#   JMH_ARGS="-f 3 -wi 5 -i 5"   JMH command-line options (e.g. "-f 1 -wi 3 -i 3 -prof stack")
#   SKIP_BUILD=0                 1 reuses bench/target from an earlier run
#   MVN_ARGS=-q                  extra Maven options (e.g. "-q -o" offline)
set -euo pipefail
cd "$(dirname "$0")/.."

PEER_VERSION=3.0.0
DEFINITION=${DEFINITION:-five-states}
VARIANTS=${VARIANTS:-EXPRESS_OFF EXPRESS_ALL STANDARD}
WARMUP=${WARMUP:-5}
SECONDS_PER_ROUND=${ROUND_SECONDS:-4}
ROUNDS=${ROUNDS:-3}
JMH=${JMH:-0}
JMH_ARGS=${JMH_ARGS:--f 3 -wi 5 -i 5}
MVN_ARGS=${MVN_ARGS:--q}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building bench (mvn package -pl bench -am)..." >&2
  # shellcheck disable=SC2086
  mvn $MVN_ARGS -B -DskipTests -pl bench -am package >&2
fi

installed=$(node -p "require('./bench/.peer/node_modules/aws-local-stepfunctions/package.json').version" 2>/dev/null || true)
if [[ "$installed" != "$PEER_VERSION" ]]; then
  echo "installing aws-local-stepfunctions@$PEER_VERSION into bench/.peer..." >&2
  npm install --prefix bench/.peer --no-audit --no-fund --loglevel=error "aws-local-stepfunctions@$PEER_VERSION" >&2
fi

classpath="bench/target/stepstream-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
java_run() {
  java -Xms1g -Xmx1g -Dstepstream.bench.machines=bench/machines -cp "$classpath" "$@"
}
rate_of() { sed -n 's/^executions_per_second=//p' <<<"$1"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), node $(node --version)"
echo "definition: bench/machines/$DEFINITION.asl.json, input five-states.input.json;" \
  "warm-up ${WARMUP}s, $ROUNDS rounds of ${SECONDS_PER_ROUND}s, median round"

# Exit code 3 from either side means "this definition is not supported there": reported, not fatal.
peer_out=$(node bench/peer-bench.mjs "definition=$DEFINITION" "warmup=$WARMUP" "seconds=$SECONDS_PER_ROUND" \
  "rounds=$ROUNDS" machines=bench/machines) || [[ $? == 3 ]]
printf "%s" "$peer_out" | grep -v "^executions_per_second=" || true
peer_rate=$(rate_of "$peer_out")

results=()
for variant in $VARIANTS; do
  out=$(java_run io.stepstream.bench.Throughput "definition=$DEFINITION" "variant=$variant" "warmup=$WARMUP" \
    "seconds=$SECONDS_PER_ROUND" "rounds=$ROUNDS") || [[ $? == 3 ]]
  printf "%s" "$out" | grep -v "^executions_per_second=" || true
  results+=("$variant $(rate_of "$out")")
done

echo
printf '%-40s %15s %10s\n' "interpreter" "executions/s" "vs peer"
ratio() { [[ -n "$1" && -n "$2" ]] && awk -v s="$1" -v p="$2" 'BEGIN { printf "%.1fx", s / p }' || echo "n/a"; }
printf '%-40s %15s %10s\n' "aws-local-stepfunctions $PEER_VERSION" "${peer_rate:-skipped}" "$(ratio "$peer_rate" "$peer_rate")"
for r in "${results[@]}"; do
  read -r variant rate <<<"$r"
  printf '%-40s %15s %10s\n' "stepstream $variant" "${rate:-skipped}" "$(ratio "$rate" "$peer_rate")"
done

if [[ "$JMH" == 1 ]]; then
  echo
  mkdir -p bench/results
  # shellcheck disable=SC2086
  java_run io.stepstream.bench.BenchMain $JMH_ARGS -rf json -rff "bench/results/jmh-$(date +%Y%m%d-%H%M%S).json" \
    FiveStatesBenchmark
fi
