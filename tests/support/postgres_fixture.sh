#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, on a free loopback port.
#
#   postgres_fixture.sh start DIR   initdb + start; writes DIR/url
#   postgres_fixture.sh stop DIR    stop and delete the cluster
#
# DIR/url holds the base URL "postgresql://oversight@127.0.0.1:PORT" (no
# database): tests create one database each (see test_support.h). CTest runs
# start/stop once per run as the fixture "oversight_postgres".
#
# initdb refuses to run as root, so under root the cluster lives in a temp
# directory owned by postgres and every server command runs through
# `runuser -u postgres`. The cluster trades durability for speed (fsync off):
# it is deleted at the end of the run anyway.
set -euo pipefail

if [ $# -ne 2 ] || { [ "$1" != start ] && [ "$1" != stop ]; }; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
action=$1
dir=$2
PGBIN=${OVERSIGHT_PGBIN:-/usr/lib/postgresql/15/bin}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  if [ -f "$dir/cluster" ]; then
    local cluster
    cluster=$(cat "$dir/cluster")
    if [ -f "$cluster/data/postmaster.pid" ]; then
      as_postgres "$PGBIN/pg_ctl" -D "$cluster/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
        as_postgres "$PGBIN/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$cluster" in
      /tmp/oversight-pg.*) rm -rf "$cluster" ;;
    esac
  fi
  rm -f "$dir/url" "$dir/cluster"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_cluster() {
  mkdir -p "$dir"
  stop_cluster  # whatever an interrupted run left behind
  local cluster
  cluster=$(mktemp -d /tmp/oversight-pg.XXXXXX)
  echo "$cluster" >"$dir/cluster"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$cluster"
  fi
  if ! as_postgres "$PGBIN/initdb" -D "$cluster/data" -A trust -U oversight -E UTF8 --locale=C \
      --no-sync >"$cluster/initdb.log" 2>&1; then
    cat "$cluster/initdb.log" >&2
    echo "postgres_fixture: initdb failed" >&2
    exit 1
  fi
  # A free port can be taken between the probe and the bind: try a few.
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_postgres "$PGBIN/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w -t 60 \
        -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >/dev/null 2>&1; then
      echo "postgresql://oversight@127.0.0.1:$port" >"$dir/url.tmp"
      mv "$dir/url.tmp" "$dir/url"
      echo "postgres_fixture: cluster $cluster listening on 127.0.0.1:$port"
      return 0
    fi
  done
  cat "$cluster/log" >&2 || true
  echo "postgres_fixture: could not start the server" >&2
  exit 1
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster ;;
esac
