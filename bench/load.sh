#!/usr/bin/env bash
# The load generator against a real broker (bench/README.md, "End to end against a real broker"):
# builds the bench (unless SKIP_BUILD=1), then runs each scenario in SCENARIOS, each with an embedded
# broker in the generator's JVM and the engine (and the pass-through) in JVMs of their own.
# Results: bench/target/load-<scenario>.txt. Knobs (environment):
#   SCENARIOS   default "express express-task standard-task timers"
#   PARTITIONS  default 4
#   EXPRESS_N, EXPRESS_TASK_N, STANDARD_TASK_N, TIMERS_N   executions (defaults: the generator's)
#   LOAD_ARGS   more options for every scenario (e.g. "--jfr", "--bootstrap-servers host:9092")
#   MVN_ARGS    default "-o"
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIOS=${SCENARIOS:-"express express-task standard-task timers"}
PARTITIONS=${PARTITIONS:-4}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q ${MVN_ARGS:--o} -pl bench -am package -DskipTests
fi
CP="bench/target/stepstream-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
for scenario in $SCENARIOS; do
  var=$(echo "${scenario}_N" | tr 'a-z-' 'A-Z_')
  n=${!var:-0}
  echo "== $scenario" >&2
  java -cp "$CP" io.stepstream.bench.load.LoadMain --scenario "$scenario" --executions "$n" \
    --partitions "$PARTITIONS" ${LOAD_ARGS:-}
done
