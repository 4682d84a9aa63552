#!/usr/bin/env bash
# Installs the pinned AWS emulator (moto in server mode) and cfn-lint into the project's own
# virtualenv, .venv/, and prints the path of moto_server. Idempotent; quiet when already done.
set -euo pipefail
MOTO_VERSION="5.2.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "emulator: creating virtualenv $venv" >&2
  "$python" -m venv "$venv"
fi
want="moto==$MOTO_VERSION"
have="$("$venv/bin/python" -m pip show moto 2>/dev/null | awk '/^Version:/{print $2}' || true)"
if [ "$have" != "$MOTO_VERSION" ]; then
  echo "emulator: installing moto[server]==$MOTO_VERSION into $venv" >&2
  "$venv/bin/python" -m pip install --quiet "moto[server]==$MOTO_VERSION" >&2
fi
echo "$venv/bin/moto_server"
