#!/usr/bin/env bash
# Where the API Lambda's cold start spends its CPU, with the AOT cache: JFR's execution sampler at 1 ms over RUNS fresh
# JVMs answering GET /v1/status, the main thread's samples summarised per cost (JfrStartupSamples). The recordings
# are kept for `jfr view` / `jfr print`. See docs/benchmarks.md, section (j).
#
#   functions/benchmarks/startup-samples.sh [RUNS]      (default 6; SKIP_BUILD=1 to use the built jars;
#                                                       SAMPLES_JAR=<an earlier Lambda jar> to profile that one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
runs="${1:-6}"
case "$runs" in ''|*[!0-9]*) echo "startup-samples: RUNS must be a number, got '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] && [ "$runs" -le 30 ] || { echo "startup-samples: RUNS must be 1..30" >&2; exit 2; }
lambda_jar="${SAMPLES_JAR:-$root/functions/api/target/quants-infra-api-lambda.jar}"
local_jar="$root/functions/api/target/quants-infra-local.jar"
invoker_jar="$here/target/quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "startup-samples: building the Lambda jar and the benchmark jars…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/quants-infra-startup-samples.XXXXXX")"
source "$here/lib/emulator.sh"
trap 'stop_emulator' EXIT INT TERM
start_emulator
# JDK's "profile" settings with Java method sampling every millisecond instead of every 10 ms.
sed 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
  "$JAVA_HOME/lib/jfr/profile.jfc" >"$work/samples.jfc"
grep -q '>1 ms<' "$work/samples.jfc" || { echo "startup-samples: could not set the sampling period in profile.jfc" >&2; exit 1; }
api=(-Dbench.exit=true -XX:FlightRecorderOptions:stackdepth=256 -cp "$lambda_jar:$invoker_jar"
  io.quantsinfra.benchmarks.coldstart.ApiColdStart)
# A cache trained without JFR cannot be used with it: the training run records too.
"$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/api.aot" -XX:StartFlightRecording=filename="$work/train.jfr",settings="$work/samples.jfc" \
  "${api[@]}" >"$work/train.out" 2>&1 || { cat "$work/train.out" >&2; exit 1; }
echo "Startup samples: $runs cold starts of GET /v1/status with an AOT cache and JFR, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  "$JAVA_HOME/bin/java" -XX:AOTMode=on -XX:AOTCache="$work/api.aot" \
    -XX:StartFlightRecording=filename="$work/run-$i.jfr",settings="$work/samples.jfc" "${api[@]}" >"$work/out" 2>"$work/err" \
    || { cat "$work/out" "$work/err" >&2; exit 1; }
  echo "  run $i: $(grep '^phases:' "$work/err" | sed 's/^phases: //')"
done
"$JAVA_HOME/bin/java" -cp "$here/target/classes" io.quantsinfra.benchmarks.coldstart.JfrStartupSamples "$work"/run-*.jfr
echo "recordings: $work"
