#!/usr/bin/env bash
# Cold start of the scheduled Lambdas (alert evaluation, health probe), each in a fresh JVM, timed from outside,
# interleaved with the bare SDK handler of cold-start.sh, without and with a JDK 25 AOT cache. See docs/benchmarks.md.
#
#   functions/benchmarks/scheduled-cold-start.sh [RUNS]     (default 5; medians; SKIP_BUILD=1 to use the built jars;
#                                                        SCHEDULED_JAR=<another scheduled Lambda jar> to time that one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
runs="${1:-5}"
case "$runs" in ''|*[!0-9]*) echo "scheduled-cold-start: RUNS must be a number, got '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] && [ "$runs" -le 50 ] || { echo "scheduled-cold-start: RUNS must be 1..50" >&2; exit 2; }

scheduled_jar="${SCHEDULED_JAR:-$root/functions/scheduled/target/quants-infra-scheduled-lambda.jar}"
local_jar="$root/functions/api/target/quants-infra-local.jar"
invoker_jar="$here/target/quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar"
bare_jar="$here/target/bare-sdk-ecs.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "scheduled-cold-start: building the Lambda jars and the benchmark jars…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks,functions/scheduled -am package)
fi
for f in "$scheduled_jar" "$local_jar" "$invoker_jar" "$bare_jar"; do
  [ -f "$f" ] || { echo "scheduled-cold-start: $f is missing (run without SKIP_BUILD=1)" >&2; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/quants-infra-scheduled-cold-start.XXXXXX")"
source "$here/lib/emulator.sh"
trap 'stop_emulator; rm -rf "$work"' EXIT INT TERM
start_emulator

run() { # NAME JAVA-ARGS…: one fresh JVM; appends wall, answer and CPU ms to the variant's lists
  local name="$1" t0 t1 TIMEFORMAT='%3U %3S'; shift
  t0=$(date +%s%N)
  { time "$JAVA_HOME/bin/java" -Dbench.launchEpochNanos="$t0" "$@" >"$work/out" 2>"$work/err"; } 2>"$work/cpu" \
    || { echo "scheduled-cold-start: $name failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1; }
  t1=$(date +%s%N)
  [ "$(tail -n 1 "$work/out")" = "200" ] || { echo "scheduled-cold-start: $name did not answer" >&2; cat "$work/err" >&2; exit 1; }
  exit_ms[$name]+=" $(( (t1 - t0) / 1000000 ))"
  answer_ms[$name]+=" $(sed -n 's/.*answered at \([0-9]*\) ms.*/\1/p' "$work/err")"
  cpu_ms[$name]+=" $(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'; }

declare -A args exit_ms answer_ms cpu_ms
invoker=io.quantsinfra.benchmarks.coldstart.ScheduledColdStart
args[alert evaluation]="-cp $scheduled_jar:$invoker_jar $invoker alerts"
args[health probe]="-cp $scheduled_jar:$invoker_jar $invoker probe"
args[bare SDK]="-cp $bare_jar io.quantsinfra.benchmarks.coldstart.bare.BareEcsListServices"
names=("alert evaluation" "health probe" "bare SDK")

echo "Scheduled cold start: one scheduled event per fresh JVM (handlers as the Lambda runtime builds them), vs one ECS ListServices"
echo "  java:      $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "  machine:   $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
echo "  jars:      scheduled $(stat -c %s "$scheduled_jar") bytes, bare $(stat -c %s "$bare_jar") bytes"
for name in "${names[@]}"; do
  read -r -a a <<<"${args[$name]}"
  "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/${name// /-}.aot" "${a[@]}" >"$work/train.out" 2>"$work/train.err" \
    || { echo "scheduled-cold-start: AOT training of $name failed" >&2; cat "$work/train.err" >&2; exit 1; }
done
echo "  AOT:       each cache trained by one run of the same command (-XX:AOTCacheOutput)"
for round in $(seq 0 "$runs"); do   # round 0 warms the OS file cache, untimed
  for name in "${names[@]}"; do
    read -r -a a <<<"${args[$name]}"
    run "$name" "${a[@]}"
    run "$name + AOT" -XX:AOTMode=on -XX:AOTCache="$work/${name// /-}.aot" "${a[@]}"
    if [ "$round" = 0 ]; then unset "exit_ms[$name]" "answer_ms[$name]" "cpu_ms[$name]" "exit_ms[$name + AOT]" \
      "answer_ms[$name + AOT]" "cpu_ms[$name + AOT]"; fi
  done
done
echo "  load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '  %-24s %12s %12s %12s   %s\n' "median of $runs" "to answer" "to exit" "CPU time" "answer / bare"
for name in "${names[@]}"; do
  for v in "$name" "$name + AOT"; do
    bare="bare SDK"; [ "$v" = "$name" ] || bare="bare SDK + AOT"
    a="$(median <<<"${answer_ms[$v]}")"; b="$(median <<<"${answer_ms[$bare]}")"
    printf '  %-24s %9d ms %9d ms %9d ms   %s   (answers:%s)\n' "$v" "$a" "$(median <<<"${exit_ms[$v]}")" \
      "$(median <<<"${cpu_ms[$v]}")" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')" "${answer_ms[$v]}"
  done
done
