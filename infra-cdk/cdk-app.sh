#!/usr/bin/env bash
# The CDK app command (cdk.json "app"): builds the API Lambda jar and this module with the Maven wrapper, then runs
# the app on JDK 25. The CDK CLI passes context and the output directory (cdk.out) in the environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../scripts/jdk.sh"
(cd "$here/.." && ./mvnw -q -B -DskipTests -pl infra-cdk -am package) >&2
cd "$here"
exec "$JAVA_HOME/bin/java" -cp "target/classes:$(cat target/classpath.txt)" io.quantsinfra.cdk.QuantsInfraApp
