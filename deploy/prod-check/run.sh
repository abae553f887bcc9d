#!/usr/bin/env bash
# make prod-check: the production stack on one machine, then load and faults (docs/operations.md).
#
# Starts its own PostgreSQL (initdb in a temporary folder, port PG_PORT), its own redis-server
# (REDIS_PORT), migrates, loads the demo data, starts gunicorn with 2 workers (WEB_PORT) and two
# `manage.py db_worker` processes, each under a restart loop as systemd's Restart=always would
# be; then deploy/prod-check/check.py runs the checks. Everything it started is stopped, and its
# folder removed, however it ends. Ports are chosen away from the usual ones so that it disturbs
# nothing else on the machine; one that is taken (CI once found 55432 held by another process)
# is replaced by a free one the kernel picks. PG_PORT, REDIS_PORT and WEB_PORT set them.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}

# The port asked for if nothing holds it on 127.0.0.1, else one that is free now; never one of
# the ports after it, which are already chosen.
free_port() {
  "$PY" - "$@" <<'PORT'
import socket
import sys

wanted, *chosen = (int(arg) for arg in sys.argv[1:])
for port in (wanted, *[0] * 20):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        port = probe.getsockname()[1]
        if port not in chosen:
            print(port)
            break
else:
    sys.exit(f"prod-check: no free port for {wanted} or in its place")
PORT
}
PG_PORT=$(free_port "${PG_PORT:-55432}")
REDIS_PORT=$(free_port "${REDIS_PORT:-56379}" "$PG_PORT")
WEB_PORT=$(free_port "${WEB_PORT:-58000}" "$PG_PORT" "$REDIS_PORT")
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
[ -x "$PG_BIN/initdb" ] || { echo "prod-check: initdb not found (apt-get install postgresql)"; exit 1; }
command -v redis-server >/dev/null || { echo "prod-check: redis-server not found"; exit 1; }
command -v wrk >/dev/null || { echo "prod-check: wrk not found (apt-get install wrk)"; exit 1; }

WORK=$(mktemp -d /tmp/prod-check.XXXXXX)
chmod 755 "$WORK"
PIDS=()

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "${PG_USER:-postgres}" -- "$@"; else "$@"; fi
}
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" "$@"; }

cleanup() {
  local code=$?
  set +e
  touch "$WORK/stop"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for f in "$WORK"/worker-*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  [ -d "$WORK/pg" ] && pg_ctl_ stop -m immediate >/dev/null 2>&1
  if [ "$code" != 0 ]; then
    echo "--- prod-check failed (exit $code); last lines of the logs ---"
    for log in "$WORK"/*.log "$WORK"/pglog/*.log; do [ -e "$log" ] && { echo "== $log"; tail -n 25 "$log"; }; done
    [ -e "$WORK/failure.txt" ] && echo "--- prod-check failed: $(cat "$WORK/failure.txt")"
  fi
  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

section() { printf '\n--- %s ---\n' "$*"; }

section "PostgreSQL of its own (port $PG_PORT) and Redis (port $REDIS_PORT)"
mkdir -p "$WORK/pg" "$WORK/pgsock" "$WORK/pglog"
if [ "$(id -u)" = 0 ]; then chown "${PG_USER:-postgres}" "$WORK/pg" "$WORK/pgsock" "$WORK/pglog"; fi
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
PG_OPTS="-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c shared_buffers=64MB -c max_connections=60"
pg_ctl_ -o "$PG_OPTS" -l "$WORK/pglog/postgres.log" -w start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres bridge
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
  >"$WORK/redis.log" 2>&1 &
PIDS+=($!)

export PRODUCTION=true DEBUG=false
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="https://127.0.0.1:$WEB_PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/bridge"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export EMAIL_URL="file://$WORK/mail"
export TASKS_BACKEND=database
export VAR_DIR="$WORK/var" STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export PROGRAMS_PRIVATE_ROOT="$WORK/private"
export PROMETHEUS_MULTIPROC_DIR="$WORK/metrics"
# A silent worker's task returns to the queue after 10 s here (30 s in production), so the
# kill check ends sooner.
export TASK_WORKER_STALE_SECONDS=10
export METRICS_TOKEN
METRICS_TOKEN=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
export LOG_LEVEL=WARNING PYTHONUNBUFFERED=1
# The load comes from one address at hundreds of requests a second: the limits stay on (counted
# in Redis, as in production) but far above it, so no request of the load is refused.
export RATE_LIMIT_API=1000000/60 RATE_LIMIT_API_TOKEN=1000000/60 RATE_LIMIT_SEARCH=1000000/60
mkdir -p "$PROMETHEUS_MULTIPROC_DIR" "$VAR_DIR"

section "release: migrate, collectstatic, demo data"
"$PY" manage.py migrate --no-input >"$WORK/migrate.log"
"$PY" manage.py collectstatic --no-input >"$WORK/collectstatic.log"
# seed_demo refuses PRODUCTION=true (it is never for a real site): it writes the same database.
PRODUCTION=false DEMO_PHOTOS=false "$PY" manage.py seed_demo >"$WORK/seed.log"
echo "ok"

section "gunicorn (2 workers, port $WEB_PORT) and 2 task workers"
GUNICORN_BIND="127.0.0.1:$WEB_PORT" WEB_CONCURRENCY=2 GUNICORN_TIMEOUT=20 \
  "$PY" -m gunicorn -c python:config.gunicorn config.wsgi >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)

# Restart=always, as the systemd unit has it: a killed worker is back after a second.
supervise() {
  local id=$1
  while [ ! -e "$WORK/stop" ]; do
    "$PY" manage.py db_worker --worker-id "$id" --interval 0.5 --no-startup-delay \
      >>"$WORK/worker-$id.log" 2>&1 &
    echo $! >"$WORK/worker-$id.pid"
    wait $! || true
    [ -e "$WORK/stop" ] || { echo "$(date +%T) worker $id exited; restarting" >>"$WORK/supervisor.log"; sleep 1; }
  done
}
supervise w1 &
PIDS+=($!)
supervise w2 &
PIDS+=($!)

export PROD_CHECK_WORK="$WORK" PROD_CHECK_BASE="http://127.0.0.1:$WEB_PORT"
export PROD_CHECK_PG_CTL="$PG_BIN/pg_ctl" PROD_CHECK_PG_OPTS="$PG_OPTS"
"$PY" deploy/prod-check/check.py "$@"
