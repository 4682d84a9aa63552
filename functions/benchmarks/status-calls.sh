#!/usr/bin/env bash
# AWS calls and wall time of `status` and of one health-probe cycle for 1, 10 and 50 instances
# against local mode on moto. See docs/benchmarks.md.
#   functions/benchmarks/status-calls.sh   (SKIP_BUILD=1 to use the classes already built)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "status-calls: building the benchmarks…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
# The API's request log at WARN: one JSON line per request would bury the tables.
cd "$root"
timeout 300 "$JAVA_HOME/bin/java" -DQUANTS_INFRA_LOG_LEVEL=WARN \
  -cp "$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")" \
  io.quantsinfra.benchmarks.calls.StatusCallsBenchmark
