#!/usr/bin/env bash
# Starts a throw-away MLflow tracking server (SQLite backend + proxied artifacts) for the tests that need a real one.
#
#   eval "$(.ci/start-mlflow.sh)"          # starts it; exports MLFLOW_TRACKING_URI, DRIFTGUARD_MLFLOW_PID, DRIFTGUARD_MLFLOW_DIR
#   trap '.ci/start-mlflow.sh --stop' EXIT # stops the whole process group and removes the temp dir
#
# Env: MLFLOW_BIN (default .venv/bin/mlflow), MLFLOW_WORKERS (default 1), MLFLOW_START_TIMEOUT_SECONDS (default 300:
# on a loaded 2-core machine the first start, which creates the database, has taken over 2 minutes).
# MLflow's background job runner (huey) is switched off: the tests do not use it and it costs CPU and memory.
# Only `export …` lines go to stdout; progress and errors go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -n "${DRIFTGUARD_MLFLOW_PID:-}" ]]; then
    kill -TERM -- "-${DRIFTGUARD_MLFLOW_PID}" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-${DRIFTGUARD_MLFLOW_PID}" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-${DRIFTGUARD_MLFLOW_PID}" 2>/dev/null || true
  fi
  if [[ -n "${DRIFTGUARD_MLFLOW_DIR:-}" && "${DRIFTGUARD_MLFLOW_DIR}" == */driftguard-mlflow.* ]]; then rm -rf -- "${DRIFTGUARD_MLFLOW_DIR}"; fi
  exit 0
fi

mlflow_bin="${MLFLOW_BIN:-.venv/bin/mlflow}"
timeout_seconds="${MLFLOW_START_TIMEOUT_SECONDS:-300}"
if [[ ! -x "$mlflow_bin" ]]; then
  echo "start-mlflow: $mlflow_bin not found; install mlflow into .venv first (pip install 'mlflow==3.17.2')" >&2
  exit 1
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/driftguard-mlflow.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

# setsid: the server and its uvicorn workers form one process group, stopped together by --stop.
MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$mlflow_bin" server --host 127.0.0.1 --port "$port" --workers "${MLFLOW_WORKERS:-1}" \
  --backend-store-uri "sqlite:///$dir/mlflow.db" --artifacts-destination "$dir/artifacts" \
  >"$dir/server.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$dir/pid"

uri="http://127.0.0.1:$port"
deadline=$((SECONDS + timeout_seconds))
until curl -fsS --max-time 2 "$uri/health" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null || (( SECONDS >= deadline )); then
    echo "start-mlflow: server did not answer $uri/health within ${timeout_seconds}s; last log lines:" >&2
    tail -n 30 "$dir/server.log" >&2 || true
    kill -KILL -- "-$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 1
done
echo "start-mlflow: MLflow $("$mlflow_bin" --version 2>/dev/null | awk '{print $NF}') ready at $uri (pid $pid, dir $dir)" >&2
echo "export MLFLOW_TRACKING_URI=$uri"
echo "export DRIFTGUARD_MLFLOW_PID=$pid"
echo "export DRIFTGUARD_MLFLOW_DIR=$dir"
