#!/usr/bin/env bash
# Installs the pinned AWS emulator (moto in server mode) and the pinned API fuzzer (schemathesis, run by the e2e
# SchemathesisTest) into the project's own virtualenv, .venv/, and prints the path of moto_server. Idempotent; quiet when already done. When PyPI cannot provide the pin, a
# moto_server already on the machine at the pinned minor version or newer is used instead, and said so.
set -euo pipefail
MOTO_VERSION="5.2.1"
SCHEMATHESIS_VERSION="4.32.5"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "emulator: creating virtualenv $venv" >&2
  "$python" -m venv "$venv"
fi
st_have="$("$venv/bin/python" -m pip show schemathesis 2>/dev/null | awk '/^Version:/{print $2}' || true)"
if [ "$st_have" != "$SCHEMATHESIS_VERSION" ]; then
  echo "emulator: installing schemathesis==$SCHEMATHESIS_VERSION into $venv" >&2
  # Not fatal here: moto's tests can run without it; SchemathesisTest fails and names this script.
  "$venv/bin/python" -m pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION" >&2 \
    || echo "emulator: cannot install schemathesis==$SCHEMATHESIS_VERSION; SchemathesisTest will fail" >&2
fi
have="$("$venv/bin/python" -m pip show moto 2>/dev/null | awk '/^Version:/{print $2}' || true)"
if [ "$have" != "$MOTO_VERSION" ]; then
  echo "emulator: installing moto[server]==$MOTO_VERSION into $venv" >&2
  if ! "$venv/bin/python" -m pip install --quiet "moto[server]==$MOTO_VERSION" >&2; then
    fallback="$(command -v moto_server || true)"
    version="$( [ -n "$fallback" ] && "$python" -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
    if [ -n "$fallback" ] && "$python" - "$version" "$MOTO_VERSION" <<'PY'
import sys
have, pin = (tuple(int(x) for x in v.split(".")[:2]) for v in sys.argv[1:3])
sys.exit(0 if have >= pin else 1)
PY
    then
      echo "emulator: PyPI has no moto $MOTO_VERSION; using the machine's moto $version at $fallback" >&2
      echo "$fallback"
      exit 0
    fi
    echo "emulator: cannot install moto[server]==$MOTO_VERSION and no moto_server >= ${MOTO_VERSION%.*} is on the machine" >&2
    exit 1
  fi
fi
echo "$venv/bin/moto_server"
