# Shared set-up for bin/run and bin/test: a virtual environment installed from
# the lock, and a PostgreSQL server. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '==> %s\n' "$*" >&2; }

# --- Python --------------------------------------------------------------------
PYTHON_BIN="${PYTHON:-}"
if [ -z "$PYTHON_BIN" ]; then
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)' \
         2>/dev/null; then
      PYTHON_BIN="$candidate"; break
    fi
  done
fi
[ -n "$PYTHON_BIN" ] || { echo "error: Python 3.11 or 3.12 is needed" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  say "creating the virtual environment in .venv"
  "$PYTHON_BIN" -m venv .venv
fi
lock_hash="$(sha256sum requirements.lock | cut -c1-16)"
if [ "$(cat .venv/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  say "installing the locked dependencies (requirements.lock)"
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check \
       -r requirements.lock > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    echo "error: installing requirements.lock failed (log above, also in .venv/pip.log)" >&2
    exit 1
  fi
  echo "$lock_hash" > .venv/.lock-hash
fi
export PATH="$ROOT/.venv/bin:$PATH"
PY="$ROOT/.venv/bin/python"

# --- Secrets and local defaults ---------------------------------------------------
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  [ -s .secret_key ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
  DJANGO_SECRET_KEY="$(cat .secret_key)"
  export DJANGO_SECRET_KEY
fi
export DJANGO_HTTPS="${DJANGO_HTTPS:-0}"

# --- PostgreSQL ------------------------------------------------------------------
pg_bin() {
  # The machine's PostgreSQL tools: on PATH, or Debian's versioned folder.
  local tool="$1" dir
  if command -v "$tool" >/dev/null 2>&1; then command -v "$tool"; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/$tool" ] && { echo "$dir/$tool"; return; }
  done
  return 1
}

ensure_pg_tools() {
  if ! pg_bin initdb >/dev/null || ! pg_bin pg_ctl >/dev/null || ! pg_bin psql >/dev/null; then
    say "installing Debian's postgresql and postgresql-contrib"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    else
      sudo apt-get update -qq && sudo apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
  fi
}

server_answers() {  # host port user
  "$PY" - "$@" <<'PYEOF' >/dev/null 2>&1
import sys, psycopg
host, port, user = sys.argv[1:4]
psycopg.connect(host=host, port=int(port), user=user, dbname="postgres", connect_timeout=3).close()
PYEOF
}

start_local_cluster() {
  ensure_pg_tools
  local data="$ROOT/.pgdata" port=54329 run_as=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$data" postgres
    run_as=(runuser -u postgres --)
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a project-local PostgreSQL cluster in .pgdata"
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
    "${run_as[@]}" "$(pg_bin initdb)" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! server_answers 127.0.0.1 "$port" postgres; then
    say "starting the project-local cluster on 127.0.0.1:$port"
    "${run_as[@]}" "$(pg_bin pg_ctl)" -D "$data" -l "$data/server.log" -w \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  PG_HOST=127.0.0.1 PG_PORT=$port PG_USER=postgres
}

if [ -z "${DATABASE_URL:-}" ]; then
  PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=""
  for user in postgres root; do
    if server_answers 127.0.0.1 5432 "$user"; then PG_USER=$user; break; fi
  done
  if [ -n "$PG_USER" ]; then
    say "using the PostgreSQL server that answers on 127.0.0.1:5432 (user $PG_USER)"
  else
    say "no PostgreSQL server answers on 127.0.0.1:5432"
    start_local_cluster
    say "using the project-local cluster (.pgdata) on 127.0.0.1:$PG_PORT"
  fi
  export DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/${DIPLOMACY_DB_NAME:-diplomacy}"
else
  say "using DATABASE_URL from the environment"
fi

ensure_database() {
  "$PY" - <<'PYEOF'
import os, psycopg
from urllib.parse import urlparse
u = urlparse(os.environ["DATABASE_URL"])
name = u.path.lstrip("/")
with psycopg.connect(host=u.hostname, port=u.port or 5432, user=u.username, password=u.password,
                     dbname="postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"==> created database {name}", flush=True)
PYEOF
}
