#!/usr/bin/env bash
# What rules the monitor's Prometheus evaluates cost a cycle (figures in docs/alerting.md):
# a real prometheus on loopback, R rules through core's evaluator and the real adapter.
#   functions/benchmarks/prometheus-rules.sh [RULES [SERIES [CYCLES]]]   (defaults 200, 100, 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
cp="$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")"
cd "$root"
timeout 300 "$JAVA_HOME/bin/java" -cp "$cp" io.quantsinfra.benchmarks.alerting.PrometheusRulesBenchmark "${1:-200}" "${2:-100}" "${3:-5}"
