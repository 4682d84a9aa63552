#!/usr/bin/env bash
# Alerting benchmarks (figures in docs/alerting.md):
#   (1) evaluation throughput for 10,000 rules over 600 services, JMH (about 1 minute on 2 cores);
#   (2) CloudWatch requests per cycle and the cost table, 1,000 rules over 600 series against the emulator.
#   functions/benchmarks/alerting.sh [WARMUP_ITERATIONS [MEASUREMENT_ITERATIONS]]   (defaults 3 and 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
cp="$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")"
cd "$root"
echo "== (1) evaluation throughput (JMH)"
timeout 900 "$JAVA_HOME/bin/java" -cp "$cp" io.quantsinfra.benchmarks.alerting.EvaluationBenchmark "${1:-3}" "${2:-5}"
echo
echo "== (2) CloudWatch requests per cycle and cost"
timeout 300 "$JAVA_HOME/bin/java" -cp "$cp" io.quantsinfra.benchmarks.alerting.AlertingCallsBenchmark
