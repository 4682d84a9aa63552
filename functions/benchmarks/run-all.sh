#!/usr/bin/env bash
# Builds what the benchmarks need, then runs them all and prints their figures (a few minutes on 2 cores):
#   (b) Lambda jar size and composition, (a) cold start vs a bare SDK handler, with and without an AOT cache,
#   (c) AWS calls and wall time per deploy, (d) of status and the probe, (g) warm API requests, (h) the scheduled
#   handlers' cold start. (f) startup-profile.sh and (e) jobs.sh run on their own.
#   functions/benchmarks/run-all.sh [COLD_START_RUNS [DEPLOY_ROUNDS]]     (defaults 5 and 5)
# Results and how to read them: docs/benchmarks.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
echo "== build: the Lambda jar, the cold-start invoker jar, the bare SDK jar, the benchmark classpath"
(cd "$root" && ./mvnw -q -B -DskipTests -Pbenchmarks -pl functions/benchmarks -am package)
bash "$root/scripts/emulator-env.sh" >/dev/null
export SKIP_BUILD=1
echo
echo "== (b) Lambda jar size"
"$here/jar-size.sh"
echo
echo "== (a) cold start"
"$here/cold-start.sh" "${1:-5}"
echo
echo "== (c) AWS calls per deploy"
"$here/deploy-calls.sh" "${2:-5}"
echo
echo "== (d) AWS calls of status and of the health probe"
"$here/status-calls.sh"
echo
echo "== (g) warm requests of the API"
"$here/warm-request.sh" 1000
echo
echo "== (h) cold start of the scheduled handlers"
"$here/scheduled-cold-start.sh" "${1:-5}"
