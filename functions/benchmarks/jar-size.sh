#!/usr/bin/env bash
# The Lambda jar's size and its ten largest contributors by artifact and by package. See docs/benchmarks.md.
#   functions/benchmarks/jar-size.sh            (SKIP_BUILD=1 to use the jars already built)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "jar-size: building the Lambda jar and the benchmarks…" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
fi
"$JAVA_HOME/bin/java" -cp "$here/target/classes" io.quantsinfra.benchmarks.jar.JarComposition \
  "$root/functions/api/target/quants-infra-api-lambda.jar" "$(cat "$here/target/benchmark-classpath.txt")"
