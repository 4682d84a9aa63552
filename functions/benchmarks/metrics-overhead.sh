#!/usr/bin/env bash
# Metrics on vs off for one API request: the API Lambda handler for GET /v1/status and GET /v1/services against moto,
# with metrics off, on without the flush, and on with the flush it does before returning; then the recording path
# alone, in process.
# See docs/metrics.md.
#   functions/benchmarks/metrics-overhead.sh [REQUESTS [WARMUP]]   (defaults 3000 and 500; SKIP_BUILD=1 to reuse the build)
# BENCH_OPTS="-Dbench.harnessCheck=true" runs every variant with metrics off: the differences the harness itself shows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "metrics-overhead: building the benchmarks…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
bash "$root/scripts/emulator-env.sh" >/dev/null
# The API's request log at WARN: one JSON line per request would bury the table and time the console.
cd "$root"
timeout 1800 "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -DQUANTS_INFRA_LOG_LEVEL=WARN \
  -cp "$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")" \
  io.quantsinfra.benchmarks.metrics.ApiMetricsOverhead "${1:-3000}" "${2:-500}"
