#!/usr/bin/env bash
# The test command: selects JDK 25, installs what the tests need (the emulator's virtualenv; promtool from
# Debian's prometheus package when missing), then runs every module's tests with the Maven wrapper.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/jdk.sh
bash scripts/emulator-env.sh >/dev/null
bash scripts/tools-env.sh
bash scripts/cdk-env.sh >/dev/null
# The IAM check reads the calls the tests record under target/aws-calls; start from none so a call the code
# no longer makes cannot keep a grant alive.
rm -rf target/aws-calls
./mvnw -B -ntp verify "$@"
