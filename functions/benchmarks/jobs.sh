#!/usr/bin/env bash
# Job queue benchmark (figures in the jobs note): 100 / 1,000 / 10,000 queued jobs with random dependencies —
#   (1) in memory: dispatch decisions per second, items read and written per dispatch cycle;
#   (2) against the emulator (DynamoDB + ECS adapters): SDK requests per dispatch cycle by operation.
#   functions/benchmarks/jobs.sh [QUEUE_LENGTHS_FOR_THE_EMULATOR...]   (default 100 200)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
for n in "$@"; do
  case "$n" in ''|*[!0-9]*) echo "jobs: queue lengths must be numbers, got '$n'" >&2; exit 2 ;; esac
  [ "$n" -ge 1 ] && [ "$n" -le 20000 ] || { echo "jobs: queue lengths must be 1..20000" >&2; exit 2; }
done
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
cp="$here/target/classes:$(cat "$here/target/benchmark-classpath.txt")"
cd "$root"
timeout 1200 "$JAVA_HOME/bin/java" -cp "$cp" io.quantsinfra.benchmarks.jobs.JobQueueBenchmark "$@"
