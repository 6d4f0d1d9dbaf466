#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: a new cluster in a temporary folder, owned by the
# `postgres` user Debian's package creates, listening on 127.0.0.1 only, on a free port. It is
# never a system service and it is deleted when the command ends, however it ends.
#
#   scripts/with-postgres.sh [--durable] COMMAND ARGS…
#
# The command sees DATABASE_URL (an empty database called `waypoint`) and WAYPOINT_TEST_PG
# (the same server, for tests that make a database each). Without --durable the cluster skips
# fsync: a test machine's power cut loses nothing anyone needs, and tests run several times
# faster. Benchmarks pass --durable so commits cost what they cost in production.
set -euo pipefail

durable=false
if [ "${1:-}" = --durable ]; then durable=true; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--durable] COMMAND ARGS…" >&2; exit 2; }

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  printf '\n== installing Debian package: postgresql\n'
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# initdb and postgres refuse to run as root; as anyone else they run as that user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/waypoint-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
cleanup() {
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" \
  || { cat "$dir/initdb.log" >&2; exit 1; }

settings="-c listen_addresses=127.0.0.1 -k $dir -c max_connections=300"
if [ "$durable" = false ]; then
  settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
# The free port is found before the server binds it, so another program may take it first:
# try a few.
started=false
for _ in 1 2 3 4 5; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$settings -p $port" start >/dev/null; then
    started=true
    break
  fi
done
[ "$started" = true ] || { echo "PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }

"$PGBIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'CREATE DATABASE waypoint' >/dev/null

export WAYPOINT_PG_LOG="$dir/server.log"
export WAYPOINT_TEST_PG="postgres://postgres@127.0.0.1:$port"
export DATABASE_URL="$WAYPOINT_TEST_PG/waypoint"
status=0
"$@" || status=$?
exit $status
