#!/usr/bin/env bash
# Worst-case wall time of one evaluation cycle's notifications against its deadline (figures in docs/alerting.md):
# N black-holed receivers (accept, never answer) beside M healthy ones on loopback, real HTTP and sleeps.
#   functions/benchmarks/delivery-deadline.sh [BLACK_HOLED [HEALTHY [DEADLINE_SECONDS]]]   (defaults 5, 5, 25)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
cp="$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")"
cd "$root"
timeout 300 "$JAVA_HOME/bin/java" -cp "$cp" io.quantsinfra.benchmarks.alerting.DeliveryDeadlineBenchmark "${1:-5}" "${2:-5}" "${3:-25}"
