# shellcheck shell=bash
# ensure_postgres: a throw-away PostgreSQL for the store tests, as the local cluster is for the
# integration tests. Installs Debian's `postgresql` package when missing (as root), initialises a
# cluster owned by the `postgres` user (PostgreSQL refuses to run as root) in
# /tmp/daemonsets-postgres-<port> (outside the checkout, which that user may not be able to reach),
# starts it on 127.0.0.1:${TEST_POSTGRES_PORT:-15432} and exports the connection string that
# TestDatabases (@backstage/backend-test-utils) reads: BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.
# Idempotent: a running server is reused. `stop_postgres` stops it.
# Needs $repo_root and log() from scripts/lib/toolchain.sh.

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

ensure_postgres() {
  local port="${TEST_POSTGRES_PORT:-15432}"
  # Throw-away server on loopback, for tests only: the password protects nothing else.
  local password="backstage-test"
  local bin
  bin="$(postgres_bin_dir)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      log "PostgreSQL is missing: install Debian's 'postgresql' package (the store tests need it)."
      return 1
    fi
    log "installing Debian's postgresql for the store tests..."
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(postgres_bin_dir)"
  fi
  local major
  major="$(basename "$(dirname "$bin")")"
  local dir="${TEST_POSTGRES_DIR:-/tmp/daemonsets-postgres-$port}"
  local data="$dir/data"
  local as_postgres=()
  if [ "$(id -u)" = 0 ]; then
    as_postgres=(runuser -u postgres --)
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  if [ ! -f "$data/PG_VERSION" ]; then
    local pwfile="$dir/.pw"
    (umask 077 && printf '%s\n' "$password" >"$pwfile")
    [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    "${as_postgres[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 >"$dir/initdb.log" 2>&1 || {
      log "initdb failed, see $dir/initdb.log"
      return 1
    }
    rm -f "$pwfile"
  fi
  if ! "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
      start >/dev/null || {
      log "PostgreSQL did not start, see $dir/server.log"
      return 1
    }
  fi
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres:${password}@127.0.0.1:${port}"
  log "PostgreSQL ${major} for the tests on 127.0.0.1:${port} ($dir)"
}

# Whether the test PostgreSQL is running (to leave the machine as it was found).
postgres_running() {
  local port="${TEST_POSTGRES_PORT:-15432}"
  local bin
  bin="$(postgres_bin_dir)"
  local data="${TEST_POSTGRES_DIR:-/tmp/daemonsets-postgres-$port}/data"
  [ -n "$bin" ] && [ -f "$data/PG_VERSION" ] &&
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

stop_postgres() {
  local port="${TEST_POSTGRES_PORT:-15432}"
  local data="${TEST_POSTGRES_DIR:-/tmp/daemonsets-postgres-$port}/data"
  local bin
  bin="$(postgres_bin_dir)"
  [ -n "$bin" ] && [ -f "$data/PG_VERSION" ] || return 0
  local as_postgres=()
  [ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
}
