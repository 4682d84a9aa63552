#!/usr/bin/env bash
# Where the API Lambda's cold start goes: one fresh JVM answering GET /v1/status with the JVM's class-loading log
# and Micronaut's bean-resolution trace on, summarised per phase (classes by area, beans with their times).
# See docs/benchmarks.md.
#
#   functions/benchmarks/startup-profile.sh [--aot]     (--aot: with a JDK 25 AOT cache trained by one run first;
#                                                       SKIP_BUILD=1 to use the built jars)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
lambda_jar="$root/functions/api/target/quants-infra-api-lambda.jar"
local_jar="$root/functions/api/target/quants-infra-local.jar"
invoker_jar="$here/target/quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "startup-profile: building the Lambda jar and the benchmark jars…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/quants-infra-startup-profile.XXXXXX")"
source "$here/lib/emulator.sh"
trap 'stop_emulator; rm -rf "$work"' EXIT INT TERM
start_emulator
cat >"$work/logback.xml" <<XML
<configuration>
  <appender name="TRACE" class="ch.qos.logback.core.FileAppender">
    <file>$work/beans.log</file>
    <encoder><pattern>%relative|%msg%n</pattern></encoder>
  </appender>
  <logger name="io.micronaut.inject" level="TRACE" additivity="false"><appender-ref ref="TRACE"/></logger>
  <root level="WARN"/>
</configuration>
XML
api=(-cp "$lambda_jar:$invoker_jar" io.quantsinfra.benchmarks.coldstart.ApiColdStart)
aot=()
if [ "${1:-}" = "--aot" ]; then
  "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/api.aot" "${api[@]}" >"$work/train.out" 2>&1 \
    || { cat "$work/train.out" >&2; exit 1; }
  aot=(-XX:AOTMode=on -XX:AOTCache="$work/api.aot")
fi
echo "Startup profile: one GET /v1/status in a fresh JVM${aot:+ with an AOT cache}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The plain run first, for the phases without any logging overhead; then the traced one.
t0=$(date +%s%N)
"$JAVA_HOME/bin/java" "${aot[@]}" -Dbench.launchEpochNanos="$t0" "${api[@]}" >"$work/out" 2>"$work/err" \
  || { cat "$work/out" "$work/err" >&2; exit 1; }
echo "  untraced run: $(grep '^phases:' "$work/err" | sed 's/^phases: //')"
t0=$(date +%s%N)
"$JAVA_HOME/bin/java" "${aot[@]}" -Dbench.launchEpochNanos="$t0" -Dbench.profile=true \
  -Xlog:class+load=info:file="$work/classes.log":uptime -Dlogback.configurationFile="$work/logback.xml" \
  -Dmicronaut.inject.trace='.*' -Dmicronaut.inject.trace.mode=LOG "${api[@]}" >"$work/out" 2>"$work/err" \
  || { cat "$work/out" "$work/err" >&2; exit 1; }
echo "  traced run:   $(grep '^phases:' "$work/err" | sed 's/^phases: //')"
echo
"$JAVA_HOME/bin/java" -cp "$here/target/classes" io.quantsinfra.benchmarks.coldstart.StartupProfile "$work/classes.log" "$work/beans.log"
