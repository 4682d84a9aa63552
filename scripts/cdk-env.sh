#!/usr/bin/env bash
# Installs what the CDK app's tests need besides Java: the pinned cfn-lint, into the project's own virtualenv .venv/
# (the one scripts/emulator-env.sh uses), and checks that Node.js (jsii runs the CDK on it) is on the PATH.
# Idempotent; quiet when already done. Prints the path of cfn-lint.
set -euo pipefail
CFN_LINT_VERSION="1.58.0"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

if ! command -v node >/dev/null 2>&1; then
  echo "cdk: Node.js is required (jsii runs the CDK on it); install Node.js 22 or 24" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  echo "cdk: creating virtualenv $venv" >&2
  "$python" -m venv "$venv"
fi
have="$("$venv/bin/python" -m pip show cfn-lint 2>/dev/null | awk '/^Version:/{print $2}' || true)"
if [ "$have" != "$CFN_LINT_VERSION" ]; then
  echo "cdk: installing cfn-lint==$CFN_LINT_VERSION into $venv" >&2
  "$venv/bin/python" -m pip install --quiet "cfn-lint==$CFN_LINT_VERSION" >&2
fi
echo "$venv/bin/cfn-lint"
