#!/usr/bin/env bash
# Local mode: the AWS emulator (moto) on 127.0.0.1:4566 and the API on 127.0.0.1:8080 with the docs site
# (site/dist, built when missing or stale) on the same origin, until Ctrl-C.
# Options: --emulator-port N (default 4566), --port N (default 8080).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
emulator_port=4566
api_port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --emulator-port) emulator_port="$2"; shift 2 ;;
    --port) api_port="$2"; shift 2 ;;
    *) echo "local: unknown option $1 (expected --emulator-port N, --port N)" >&2; exit 2 ;;
  esac
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$emulator_port" "$api_port"; do
  if port_busy "$p"; then
    echo "local: port $p on 127.0.0.1 is already in use (is local mode already running?)" >&2
    exit 4
  fi
done

moto_server="$(bash "$root/scripts/emulator-env.sh")"
mkdir -p "$root/.run"
echo "local: starting the AWS emulator ($("$root/.venv/bin/python" -c 'import moto; print("moto", moto.__version__)')) on 127.0.0.1:$emulator_port" >&2
# moto's server one request at a time, so DynamoDB's conditional writes are atomic as on AWS
moto_python="$(dirname "$moto_server")/python"; [ -x "$moto_python" ] || moto_python=python3
MOTO_ECS_SERVICE_RUNNING=1 AWS_DEFAULT_REGION=us-east-1 \
  "$moto_python" "$root/scripts/moto-serialized.py" -H 127.0.0.1 -p "$emulator_port" >"$root/.run/moto.log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

ready=0
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$emulator_port/moto-api/data.json" 2>/dev/null; then ready=1; break; fi
  if ! kill -0 "$moto_pid" 2>/dev/null; then echo "local: the emulator exited; see .run/moto.log" >&2; exit 4; fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "local: the emulator did not answer on 127.0.0.1:$emulator_port within 60 s; see .run/moto.log" >&2
  exit 4
fi

# The docs and ops console, served on the API's origin: built once (and again when docs/ or site/ changed).
if ! bash "$root/scripts/site-build.sh" --if-stale >&2; then
  echo "local: the site did not build (see above); serving the API only" >&2
fi

"$JAVA_HOME/bin/java" -XX:+UseSerialGC -jar "$root/functions/api/target/quants-infra-local.jar" \
  --emulator "http://127.0.0.1:$emulator_port" --port "$api_port" --site "$root/site/dist"
