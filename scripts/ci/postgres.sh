#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for the tests that need a real one.
#
#   bash scripts/ci/postgres.sh start DIR   # initdb into DIR/data, serve 127.0.0.1:$PGPORT (5433)
#   bash scripts/ci/postgres.sh stop DIR    # stop it (fast shutdown); DIR itself stays
#   bash scripts/ci/postgres.sh stop-leftovers  # stop servers a killed run left behind
#
# While it runs: STEWARD_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres
# Trust authentication, fsync off: a test server only, never for data you keep.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
# DIR must be a fresh directory under /tmp named steward-ci-pg.* (see .ci/run), so that
# stop-leftovers can tell this script's servers from anybody else's.
set -euo pipefail

PGPORT="${PGPORT:-5433}"
DIR_PATTERN='/tmp/steward-ci-pg.*'

pg_bindir() {
  local d
  # the newest installed major version
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$d" ] || [ ! -x "$d/pg_ctl" ]; then
    echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$d"
}

# Runs a command as the postgres user when we are root, from a directory it can read.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd /tmp && runuser -u postgres -- "$@")
  else
    (cd /tmp && "$@")
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null
}

start() {
  local dir=$1 bin
  bin=$(pg_bindir)
  mkdir -p "$dir/data" "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi
  chmod 700 "$dir/data"
  if port_in_use; then
    echo "postgres.sh: 127.0.0.1:$PGPORT is already taken by a process this script did not start:" >&2
    ss -ltnp "sport = :$PGPORT" >&2 2>/dev/null || true
    return 1
  fi
  echo "PostgreSQL: $("$bin/postgres" --version)"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  # -w waits for the server to accept connections (or fails after -t seconds).
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    echo "postgres.sh: the server did not start; its log:" >&2
    tail -n 40 "$dir/server.log" >&2 || true
    return 1
  }
  local i
  for i in $(seq 1 60); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres; then
      echo "PostgreSQL ready on 127.0.0.1:$PGPORT (data in $dir/data)"
      return 0
    fi
    sleep 0.5
  done
  echo "postgres.sh: pg_isready never answered; the server log:" >&2
  tail -n 40 "$dir/server.log" >&2 || true
  return 1
}

stop() {
  local dir=$1 bin
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin=$(pg_bindir)
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
    echo "postgres.sh: could not stop the server in $dir/data" >&2
    return 1
  }
}

# A run that was killed (SIGKILL, machine reset) never ran its trap: stop the servers it
# left, found by their data directory, and remove their directories.
stop_leftovers() {
  local dir
  for dir in $DIR_PATTERN; do
    [ -d "$dir" ] || continue
    if [ -f "$dir/data/postmaster.pid" ]; then
      echo "Stopping a PostgreSQL left by an earlier run ($dir)"
      stop "$dir" || true
    fi
    rm -rf "$dir"
  done
  # A server whose directory is gone already still runs: find it by its command line.
  local p cmd killed=0
  for p in /proc/[0-9]*; do
    cmd=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline") || continue
    case "$cmd" in
      */postgres\ -D\ /tmp/steward-ci-pg.*)
        echo "Stopping a PostgreSQL left by an earlier run (pid ${p#/proc/})"
        kill -INT "${p#/proc/}" 2>/dev/null && killed=1 ;;
    esac
  done
  [ "$killed" = 1 ] || return 0
  local i
  for i in $(seq 1 40); do
    port_in_use || return 0
    sleep 0.25
  done
}

case "${1:-}" in
  start) start "${2:?usage: postgres.sh start DIR}" ;;
  stop) stop "${2:?usage: postgres.sh stop DIR}" ;;
  stop-leftovers) stop_leftovers ;;
  *) echo "usage: postgres.sh start DIR | stop DIR | stop-leftovers" >&2; exit 2 ;;
esac
