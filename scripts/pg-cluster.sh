#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the store and API test suites.
#
#   scripts/pg-cluster.sh start DIR   initdb into DIR, start on a free port on 127.0.0.1,
#                                     create database resolutionflow_test and print its URL
#                                     (the only line on stdout; everything else on stderr)
#   scripts/pg-cluster.sh url DIR     print the URL of a running cluster again
#   scripts/pg-cluster.sh stop DIR    stop it at once (-m immediate) and remove DIR
#
# initdb and postgres refuse to run as root, so as root every server-side command runs
# as the `postgres` user (DIR is created and chowned for it; its parents must be
# traversable by that user, which /tmp is). Without root the commands run directly.
# The cluster trusts local connections and runs with fsync off: it is for tests only.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=${PG_TEST_DB:-resolutionflow_test}

log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

if [[ $(id -u) -eq 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# Ask the kernel for a free port by binding port 0. There is a window between closing
# this socket and postgres binding the port, so `start` retries with a new port if the
# server fails to come up.
free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

# The port a running cluster listens on: line 4 of postmaster.pid.
cluster_port() {
  sed -n 4p "$1/postmaster.pid" 2>/dev/null
}

print_url() {
  echo "postgresql://postgres@127.0.0.1:$1/$DB_NAME"
}

cmd_start() {
  local dir=$1
  [[ -x $PG_BIN/initdb ]] || die "no PostgreSQL binaries in $PG_BIN (apt-get install postgresql-15)"
  if [[ -e $dir ]] && [[ -n $(ls -A "$dir" 2>/dev/null) ]]; then
    die "$dir exists and is not empty"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # The Unix socket lives in DIR; its path must fit in sun_path (107 bytes).
  if (( ${#dir} > 80 )); then
    die "$dir is too long for a Unix socket path; use a shorter directory"
  fi
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir"
    as_pg test -w "$dir" || die "user postgres cannot write $dir (are its parents traversable?)"
  fi

  local out
  out=$(as_pg "$PG_BIN/initdb" -D "$dir" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 2>&1) \
    || { printf '%s\n' "$out" >&2; die "initdb failed"; }

  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/postgres.log" -w -t 30 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >&2; then
      break
    fi
    log "start on port $port failed (attempt $attempt)"
    tail -n 20 "$dir/postgres.log" >&2 || true
    port=
  done
  [[ -n $port ]] || die "could not start PostgreSQL"

  as_pg "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres "$DB_NAME" >&2 \
    || die "createdb failed"
  log "PostgreSQL running in $dir on 127.0.0.1:$port"
  print_url "$port"
}

cmd_url() {
  local dir=$1 port
  port=$(cluster_port "$dir")
  [[ -n $port ]] || die "no running cluster in $dir"
  print_url "$port"
}

cmd_stop() {
  local dir=$1
  [[ -d $dir ]] || { log "$dir does not exist; nothing to stop"; return 0; }
  # Refuse to remove a directory that is not a cluster: stop is often called from
  # cleanup traps with whatever variable happens to be set.
  [[ -f $dir/PG_VERSION ]] || [[ -z $(ls -A "$dir") ]] \
    || die "$dir does not look like a PostgreSQL cluster; not removing it"
  if [[ -f $dir/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >&2 || log "pg_ctl stop failed"
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

[[ $# -eq 2 ]] || usage
case $1 in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  url) cmd_url "$2" ;;
  *) usage ;;
esac
