#!/usr/bin/env bash
# testdb.sh: a throw-away PostgreSQL for the tests.
#
#   scripts/testdb.sh start [DIR]   prints, on its last stdout line, the URL of a
#                                   PostgreSQL whose cluster lives in DIR (a new
#                                   temporary directory, named on the line
#                                   before, when DIR is not given)
#   scripts/testdb.sh stop DIR      stops that PostgreSQL and removes DIR
#
# start installs Debian's postgresql when initdb is nowhere to be found (as
# root; otherwise it says what to install). The server runs as an
# unprivileged user (PostgreSQL refuses root): the system user watpg, created
# if missing, when run as root; the caller otherwise. It listens on 127.0.0.1
# on a free port and on a socket in DIR, trusts every local connection, and
# has fsync off: fast, and not for data anyone wants to keep. With
# TESTDB_DURABLE=1 (make bench) it keeps PostgreSQL's durable defaults.
# Both commands are idempotent: start on a running DIR prints its URL again,
# stop on a missing DIR does nothing. Quiet on success; on failure the
# reason, with the server's log, goes to stderr.
set -euo pipefail
if [ "${TESTDB_DURABLE:-}" = 1 ]; then
  durability=""
else
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi

PGUSER_OS=watpg
MARKER=.wat-testdb

die() {
  echo "testdb.sh: $*" >&2
  exit 1
}

usage() {
  die "usage: $0 start [DIR] | $0 stop DIR"
}

# pg_bin_dir prints the directory holding initdb and pg_ctl: on PATH, or the
# newest /usr/lib/postgresql/*/bin.
pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
  fi
}

ensure_postgres() {
  local bin
  bin=$(pg_bin_dir)
  if [ -z "$bin" ]; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL (initdb, pg_ctl) is not installed: install Debian's postgresql (apt-get install postgresql) or put its bin directory on PATH"
    echo "testdb.sh: installing PostgreSQL from Debian" >&2
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; } >/tmp/testdb-apt.log 2>&1 ||
      { cat /tmp/testdb-apt.log >&2; die "apt-get install postgresql failed"; }
    bin=$(pg_bin_dir)
    [ -n "$bin" ] || die "postgresql is installed but initdb was not found in /usr/lib/postgresql/*/bin"
  fi
  BIN=$bin
}

# as_pg runs a command as the user the server runs as.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PGUSER_OS" -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  id -u "$PGUSER_OS" >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PGUSER_OS" ||
    die "cannot create the system user $PGUSER_OS"
}

# port_free says whether nothing listens on 127.0.0.1:$1.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$DIR/port")/postgres?sslmode=disable"
}

start() {
  if [ -n "${1:-}" ]; then
    DIR=$1
    mkdir -p "$DIR"
  else
    DIR=$(mktemp -d /tmp/wat-pg.XXXXXX)
    echo "# stop it with: $0 stop $DIR"
  fi
  DIR=$(cd "$DIR" && pwd)
  touch "$DIR/$MARKER"
  ensure_postgres
  ensure_user
  if [ -f "$DIR/port" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    url
    return
  fi
  # The server's user must reach DIR; what it writes lives below it.
  chmod 755 "$DIR"
  mkdir -p "$DIR/sock"
  if [ "$(id -u)" = 0 ]; then
    chown "$PGUSER_OS" "$DIR/sock"
    as_pg test -x "$DIR" || die "$PGUSER_OS cannot enter $DIR: choose a directory under /tmp"
  fi
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR/data"
    mkdir -m 700 "$DIR/data"
    if [ "$(id -u)" = 0 ]; then chown "$PGUSER_OS" "$DIR/data"; fi
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
      >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  local try port
  for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" || continue
    if as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k '$DIR/sock' $durability -c max_connections=300" \
      start >/dev/null 2>&1; then
      echo "$port" >"$DIR/port"
      url
      return
    fi
  done
  cat "$DIR/data/server.log" >&2 2>/dev/null || true
  die "PostgreSQL did not start in $DIR"
}

stop() {
  DIR=${1:-}
  [ -n "$DIR" ] || usage
  [ -d "$DIR" ] || return 0
  [ -f "$DIR/$MARKER" ] || die "$DIR was not made by testdb.sh start: not removing it"
  if [ -f "$DIR/data/PG_VERSION" ]; then
    local bin
    bin=$(pg_bin_dir)
    if [ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 ||
        die "PostgreSQL in $DIR did not stop"
    fi
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
start) start "${2:-}" ;;
stop) stop "${2:-}" ;;
*) usage ;;
esac
