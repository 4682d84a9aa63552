#!/usr/bin/env bash
# Warm requests of the API Lambda: GET /v1/status answered N times by one handler (p50/p90/p99), against its one AWS
# call alone, in one JVM on the emulator. See docs/benchmarks.md.
#
#   functions/benchmarks/warm-request.sh [N]      (default 1000; SKIP_BUILD=1 to use the built jars)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
n="${1:-1000}"
case "$n" in ''|*[!0-9]*) echo "warm-request: N must be a number, got '$n'" >&2; exit 2 ;; esac
lambda_jar="$root/functions/api/target/quants-infra-api-lambda.jar"
local_jar="$root/functions/api/target/quants-infra-local.jar"
invoker_jar="$here/target/quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "warm-request: building the Lambda jar and the benchmark jars…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/quants-infra-warm-request.XXXXXX")"
source "$here/lib/emulator.sh"
trap 'stop_emulator; rm -rf "$work"' EXIT INT TERM
start_emulator
echo "Warm requests: one API handler, GET /v1/status on an empty account (one ECS ListServices each), emulator on loopback"
echo "  machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before"
# The API's access log (one JSON line per request, on stdout) is left out of the report.
timeout 600 "$JAVA_HOME/bin/java" -cp "$lambda_jar:$invoker_jar" io.quantsinfra.benchmarks.coldstart.ApiWarmRequests "$n" \
  >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
grep -v '^{' "$work/out" | sed 's/^/  /'
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
