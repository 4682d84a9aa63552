#!/usr/bin/env bash
# Cold start of the API Lambda against a bare AWS SDK v2 handler, each in a fresh JVM, timed from outside
# (process start to exit), without and with a JDK 25 AOT cache. See docs/benchmarks.md.
#
#   functions/benchmarks/cold-start.sh [RUNS]        (default 5; the median is reported)
#
# Environment: SKIP_BUILD=1 to use the jars already built; WARMUP=N untimed runs per variant (default 1,
# warms the OS file cache only); COLD_START_JAVA_OPTS extra JVM flags for every run, e.g. the java
# runtimes' "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"; COLD_START_BEFORE_JAR=<an earlier Lambda jar> adds that
# jar as two more interleaved variants ("API before", with and without its own AOT cache), so that a change is
# compared with what it changed in the same run, under the same load; COLD_START_BEFORE_MAIN=<class> runs another main
# class as that variant (FrameworkFreeStatus: the status document without Micronaut, a bound).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
runs="${1:-5}"
warmup="${WARMUP:-1}"
read -r -a java_opts <<<"${COLD_START_JAVA_OPTS:-}"
case "$runs" in ''|*[!0-9]*) echo "cold-start: RUNS must be a number, got '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] && [ "$runs" -le 50 ] || { echo "cold-start: RUNS must be 1..50" >&2; exit 2; }

lambda_jar="$root/functions/api/target/quants-infra-api-lambda.jar"
local_jar="$root/functions/api/target/quants-infra-local.jar"
invoker_jar="$here/target/quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar"
bare_jar="$here/target/bare-sdk-ecs.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "cold-start: building the Lambda jar and the benchmark jars…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
for f in "$lambda_jar" "$invoker_jar" "$bare_jar"; do
  [ -f "$f" ] || { echo "cold-start: $f is missing (run without SKIP_BUILD=1)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/quants-infra-cold-start.XXXXXX")"
moto_pid=""
cleanup() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The emulator on a free loopback port, and the account prepared once, before any timing. On this shared
# machine an emulator has been seen stopped from outside mid-run: a run that fails with the emulator gone
# restarts it, prepares the account again and is retried once.
source "$here/lib/emulator.sh"
restarts=-1
# The shared start (lib/emulator.sh), counting restarts; a failure to start ends the benchmark.
restart_emulator() {
  restarts=$((restarts + 1))
  start_emulator || { echo "cold-start: the emulator did not start" >&2; exit 4; }
}
restart_emulator

api=(-cp "$lambda_jar:$invoker_jar" io.quantsinfra.benchmarks.coldstart.ApiColdStart)
bare=(-cp "$bare_jar" io.quantsinfra.benchmarks.coldstart.bare.BareEcsListServices)
before_jar="${COLD_START_BEFORE_JAR:-}"
[ -z "$before_jar" ] || [ -f "$before_jar" ] || { echo "cold-start: COLD_START_BEFORE_JAR $before_jar is missing" >&2; exit 2; }
before=(-cp "$before_jar:$invoker_jar" "${COLD_START_BEFORE_MAIN:-io.quantsinfra.benchmarks.coldstart.ApiColdStart}")

# One fresh JVM, timed from before fork to after exit; sets last_ms, and last_cpu to the CPU time (user + system,
# all threads) the JVM used: on a machine shared with other builds, wall time grows with the load, CPU time much less.
# Fails unless it answered 200.
attempt() {
  local t0 t1 TIMEFORMAT='%3U %3S'
  t0=$(date +%s%N)
  { time "$JAVA_HOME/bin/java" "${java_opts[@]}" -Dbench.launchEpochNanos="$t0" "$@" >"$work/out" 2>"$work/err"; } \
    2>"$work/cpu" || return 1
  t1=$(date +%s%N)
  [ "$(tail -n 1 "$work/out")" = "200" ] || return 1
  last_ms=$(( (t1 - t0) / 1000000 ))
  last_cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")
}
timed_run() {
  attempt "$@" && return 0
  if ! kill -0 "$moto_pid" 2>/dev/null; then
    echo "cold-start: the emulator is gone (stopped from outside?); restarting it and retrying the run" >&2
    restart_emulator
    attempt "$@" && return 0
  fi
  echo "cold-start: run failed: java $*" >&2; cat "$work/out" "$work/err" >&2
  return 1
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'; }

# A training run writes the cache (JDK 25 one-step workflow); AOTMode=on makes a cache that cannot be used fatal.
train() { # CACHE JAVA-ARGS...
  local cache="$1"; shift
  if ! "$JAVA_HOME/bin/java" "${java_opts[@]}" -XX:AOTCacheOutput="$cache" "$@" >"$work/train.out" 2>"$work/train.err"; then
    kill -0 "$moto_pid" 2>/dev/null || { echo "cold-start: the emulator is gone; restarting it" >&2; restart_emulator; }
    "$JAVA_HOME/bin/java" "${java_opts[@]}" -XX:AOTCacheOutput="$cache" "$@" >"$work/train.out" 2>"$work/train.err" \
      || { echo "cold-start: AOT training run failed" >&2; cat "$work/train.out" "$work/train.err" >&2; return 1; }
  fi
  [ -s "$cache" ] || { echo "cold-start: the training run wrote no cache $cache" >&2; cat "$work/train.err" >&2; return 1; }
}

names=("API handler" "bare SDK" "API handler + AOT" "bare SDK + AOT" "API before" "API before + AOT")
indices=(0 1 2 3); [ -z "$before_jar" ] || indices=(0 1 2 3 4 5)
variant() { # INDEX: one timed run of that variant
  case "$1" in
    0) timed_run "${api[@]}" ;;
    1) timed_run "${bare[@]}" ;;
    2) timed_run -XX:AOTMode=on -XX:AOTCache="$work/api.aot" "${api[@]}" ;;
    3) timed_run -XX:AOTMode=on -XX:AOTCache="$work/bare.aot" "${bare[@]}" ;;
    4) timed_run "${before[@]}" ;;
    5) timed_run -XX:AOTMode=on -XX:AOTCache="$work/before.aot" "${before[@]}" ;;
  esac
}

echo "Cold start: one GET /v1/status (API Lambda) vs one ECS ListServices (bare SDK v2), fresh JVM each run"
echo "  java:      $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) ${COLD_START_JAVA_OPTS:+(flags: $COLD_START_JAVA_OPTS)}"
echo "  emulator:  $("$root/.venv/bin/python" -c 'import moto; print("moto", moto.__version__)') at $endpoint"
echo "  machine:   $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
echo "  runs:      $runs timed per variant after $warmup untimed, variants interleaved (a b c d a b c d …)"
echo "  jars:      Lambda $(stat -c %s "$lambda_jar") bytes, bare $(stat -c %s "$bare_jar") bytes"
train "$work/api.aot" "${api[@]}"
train "$work/bare.aot" "${bare[@]}"
[ -z "$before_jar" ] || { train "$work/before.aot" "${before[@]}"; echo "  before:    $before_jar ($(stat -c %s "$before_jar") bytes), interleaved as two more variants"; }
echo "  AOT:       caches trained by one run of the same command (-XX:AOTCacheOutput): API $(( $(stat -c %s "$work/api.aot") / 1048576 )) MiB, bare $(( $(stat -c %s "$work/bare.aot") / 1048576 )) MiB"
echo

times=("" "" "" "" "" ""); answers=("" "" "" "" "" ""); cpus=("" "" "" "" "" ""); last_phases=("" "" "" "" "" "")
for _ in $(seq 1 "$warmup"); do for i in "${indices[@]}"; do variant "$i"; done; done
for _ in $(seq 1 "$runs"); do
  for i in "${indices[@]}"; do
    variant "$i"
    t="$last_ms"
    phases="$(grep '^phases:' "$work/err" || true)"
    times[i]+=" $t"
    cpus[i]+=" $last_cpu"
    answers[i]+=" $(sed -n 's/.*answered at \([0-9]*\) ms.*/\1/p' <<<"$phases")"
    last_phases[i]="${phases#phases: }"
  done
done
declare -A result answered cpu
for i in "${indices[@]}"; do
  name="${names[i]}"
  result[$name]="$(tr ' ' '\n' <<<"${times[i]}" | grep . | median)"
  answered[$name]="$(tr ' ' '\n' <<<"${answers[i]}" | grep . | median)"
  cpu[$name]="$(tr ' ' '\n' <<<"${cpus[i]}" | grep . | median)"
  printf '  %-18s to exit:   median %5d ms  (runs:%s)\n' "$name" "${result[$name]}" "${times[i]}"
  printf '  %-18s to answer: median %5d ms  (runs:%s)\n' "" "${answered[$name]}" "${answers[i]}"
  printf '  %-18s CPU time:  median %5d ms  (runs:%s)\n' "" "${cpu[$name]}" "${cpus[i]}"
  printf '  %-18s last run:  %s\n' "" "${last_phases[i]}"
done
echo "  load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg); emulator restarts: $restarts"
echo

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
table() { # TITLE ARRAY-NAME
  local -n t="$2"
  echo "$1"
  printf '  %-16s %12s %12s %8s\n' "" "API handler" "bare SDK" "ratio"
  printf '  %-16s %9d ms %9d ms %8s\n' "no AOT cache" "${t[API handler]}" "${t[bare SDK]}" \
    "$(ratio "${t[API handler]}" "${t[bare SDK]}")"
  printf '  %-16s %9d ms %9d ms %8s\n' "AOT cache" "${t[API handler + AOT]}" "${t[bare SDK + AOT]}" \
    "$(ratio "${t[API handler + AOT]}" "${t[bare SDK + AOT]}")"
  printf '  %-16s %11sx %11sx\n' "AOT speed-up" "$(ratio "${t[API handler]}" "${t[API handler + AOT]}")" \
    "$(ratio "${t[bare SDK]}" "${t[bare SDK + AOT]}")"
  if [ -n "$before_jar" ]; then
    printf '  %-16s %9d ms %9d ms %8s\n' "before, no AOT" "${t[API before]}" "${t[bare SDK]}" \
      "$(ratio "${t[API before]}" "${t[bare SDK]}")"
    printf '  %-16s %9d ms %9d ms %8s\n' "before, AOT" "${t[API before + AOT]}" "${t[bare SDK + AOT]}" \
      "$(ratio "${t[API before + AOT]}" "${t[bare SDK + AOT]}")"
  fi
}
table "Launch to process exit (medians of $runs, timed from outside):" result
table "Launch to response printed (medians of $runs; launch stamped by this script, answer by the JVM's clock):" answered
table "CPU time to exit, user + system, all threads (medians of $runs; less sensitive to other builds' load):" cpu
