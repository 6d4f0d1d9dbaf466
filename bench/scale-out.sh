#!/usr/bin/env bash
# Score submissions on PostgreSQL: one server, then three behind a local haproxy, beside one
# server on SQLite, all in the same run (README "Several servers on PostgreSQL"). A
# measurement, not a test. The PostgreSQL cluster is a throwaway one with fsync on
# (scripts/with-postgres.sh --durable), so a commit costs what it costs in production.
# Each set-up gets a fresh database seeded with the demo; oha posts the demo young person's
# start score at fixed rates with latency correction, then closed loop.
# Needs: cargo build --release -p server; oha (cargo install oha --locked); haproxy (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${WAYPOINT_TEST_PG:-}" ]; then exec scripts/with-postgres.sh --durable "$0" "$@"; fi

seconds=${SECONDS_PER_RATE:-15}
rates=${RATES:-"250 500 1000 0"}
bin=${WAYPOINT_BIN:-target/release/waypoint}
[ -x "$bin" ] || { echo "no release server: cargo build --release -p server" >&2; exit 1; }
command -v oha >/dev/null || { echo "oha is missing: cargo install oha --locked" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install haproxy" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap 'stop_all; rm -rf "$tmp"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Busy and total jiffies of the whole machine, from /proc/stat's first line.
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }

start_server() { # port database-url
  WAYPOINT_ADDR="127.0.0.1:$1" DATABASE_URL="$2" WAYPOINT_DEMO_DATA=true WAYPOINT_SITE_ROOT=target/site \
    WAYPOINT_TRUSTED_PROXIES=127.0.0.1 RUST_LOG=error "$bin" &
  pids+=($!)
  server_pids+=($!)
}

wait_healthy() { until curl -sf "$1/healthz" >/dev/null; do sleep 0.05; done; }

sign_in() { # base → sets $cookie and $body
  local jar="$tmp/cookies.$RANDOM"
  curl -sf -c "$jar" -b "$jar" -o /dev/null -d "code=AMARA-PENHA&pin=402719&pin_again=402719" "$1/api/redeem_invitation"
  local home yp cohort
  home=$(curl -sf -b "$jar" -d "" "$1/api/young_person_home")
  yp=$(printf '%s' "$home" | python3 -c 'import json,sys; print(json.load(sys.stdin)["young_person"])')
  cohort=$(printf '%s' "$home" | python3 -c 'import json,sys; print(json.load(sys.stdin)["programmes"][0]["cohort"])')
  cookie=$(awk '$6 == "waypoint_session" { print "waypoint_session=" $7 }' "$jar")
  body="young_person=$yp&cohort=$cohort&session=5&stage=start&score=5"
}

run() { # label base rate
  local label=$1 base=$2 rate=$3 extra=() before=() machine_before
  [ "$rate" -gt 0 ] && extra=(-q "$rate" --latency-correction)
  for p in "${server_pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  machine_before=$(machine_ticks)
  oha --no-tui --output-format json -z "${seconds}s" -c 32 "${extra[@]}" -m POST \
    -H "Cookie: $cookie" -H "Accept: application/json" -T application/x-www-form-urlencoded \
    -d "$body" "$base/api/save_session_score" > "$tmp/out.json"
  local cpus=() i=0 ticks
  ticks=$(getconf CLK_TCK)
  for p in "${server_pids[@]}"; do
    cpus+=("$(( ( $(cpu_ticks "$p") - before[i] ) * 100 / ticks / seconds ))%")
    i=$((i + 1))
  done
  local machine
  machine=$(echo "$machine_before $(machine_ticks)" | awk '{ printf "%.0f", 100 * ($3 - $1) / ($4 - $2) }')
  python3 - "$tmp/out.json" "$rate" "$label" "${cpus[*]}" "$machine" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); rate = int(sys.argv[2]); label = sys.argv[3]
s = r["summary"]; p = r["latencyPercentiles"]; codes = r.get("statusCodeDistribution", {})
ms = lambda v: f"{v * 1000:.1f} ms" if v is not None else "n/a"
load = f"{rate}/s" if rate else "closed loop"
print(f"| {label} | {load} | {s['requestsPerSec']:.0f}/s | {ms(p['p50'])} | {ms(p['p99'])} | "
      f"{ms(p['p99.9'])} | {codes} | {sys.argv[4]} | {sys.argv[5]}% |")
PY
}

measure() { # label base
  for rate in $rates; do run "$1" "$2" "$rate"; done
}

echo "Whole stack, ${seconds} s per run, 32 connections, $(date -u +%F):"
echo "| set-up | load | throughput | p50 | p99 | p99.9 | statuses | each server's CPU (100% = one core) | whole machine busy (both cores) |"
echo "|---|---|---|---|---|---|---|---|---|"

# SQLite, one server.
server_pids=()
port=$(free_port)
start_server "$port" "sqlite://$tmp/sqlite.db?mode=rwc"
wait_healthy "http://127.0.0.1:$port"
sign_in "http://127.0.0.1:$port"
measure "SQLite, 1 server" "http://127.0.0.1:$port"
stop_all

# PostgreSQL, one server.
psql -q "$WAYPOINT_TEST_PG/postgres" -c 'CREATE DATABASE bench_one' >/dev/null
server_pids=()
port=$(free_port)
start_server "$port" "$WAYPOINT_TEST_PG/bench_one"
wait_healthy "http://127.0.0.1:$port"
sign_in "http://127.0.0.1:$port"
measure "PostgreSQL, 1 server" "http://127.0.0.1:$port"
stop_all

# PostgreSQL, three servers started together on an empty database, behind haproxy.
psql -q "$WAYPOINT_TEST_PG/postgres" -c 'CREATE DATABASE bench_three' >/dev/null
server_pids=()
ports=()
for _ in 1 2 3; do
  port=$(free_port)
  ports+=("$port")
  start_server "$port" "$WAYPOINT_TEST_PG/bench_three"
done
for port in "${ports[@]}"; do wait_healthy "http://127.0.0.1:$port"; done
lb=$(free_port)
{
  printf 'global\n  maxconn 4096\ndefaults\n  mode http\n  option forwardfor\n'
  printf '  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n  timeout tunnel 1h\n'
  printf 'frontend waypoint\n  bind 127.0.0.1:%s\n  default_backend servers\n' "$lb"
  printf 'backend servers\n  balance roundrobin\n  option httpchk GET /healthz\n'
  for i in "${!ports[@]}"; do printf '  server s%s 127.0.0.1:%s check\n' "$i" "${ports[$i]}"; done
} > "$tmp/haproxy.cfg"
haproxy -f "$tmp/haproxy.cfg" -db >"$tmp/haproxy.log" 2>&1 &
pids+=($!)
wait_healthy "http://127.0.0.1:$lb"
sign_in "http://127.0.0.1:$lb"
measure "PostgreSQL, 3 servers + haproxy" "http://127.0.0.1:$lb"
organisations=$(psql -tA "$WAYPOINT_TEST_PG/bench_three" -c 'SELECT COUNT(*) FROM organisations')
echo
echo "Three servers started together on one empty database seeded it once: $organisations organisation."
stop_all
