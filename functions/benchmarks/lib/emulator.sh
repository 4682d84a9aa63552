# Sourced by the benchmark scripts that need an emulated account: starts moto on a free loopback port
# (MOTO_ECS_SERVICE_RUNNING=1), prepares the account as local mode does (PrepareAccount) and exports the API's
# settings (AWS_ENDPOINT_URL, QUANTS_INFRA_SUBNETS, …). Needs $root, $work, $JAVA_HOME, $local_jar, $invoker_jar;
# sets $moto_pid and $endpoint. The caller's trap stops moto ("stop_emulator").
start_emulator() {
  local port moto_server
  moto_server="$(bash "$root/scripts/emulator-env.sh")"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  MOTO_ECS_SERVICE_RUNNING=1 AWS_DEFAULT_REGION=us-east-1 "$moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/data.json" 2>/dev/null && break
    kill -0 "$moto_pid" 2>/dev/null || { echo "the emulator exited:" >&2; cat "$work/moto.log" >&2; return 4; }
    sleep 0.1
  done
  endpoint="http://127.0.0.1:$port"
  "$JAVA_HOME/bin/java" -cp "$local_jar:$invoker_jar" io.quantsinfra.benchmarks.coldstart.PrepareAccount "$endpoint" \
    >"$work/account.env" 2>"$work/prepare.log" || { cat "$work/prepare.log" >&2; return 1; }
  while IFS='=' read -r key value; do
    [ -n "$key" ] && export "$key=$value"
  done <"$work/account.env"
}
stop_emulator() {
  if [ -n "${moto_pid:-}" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
}
