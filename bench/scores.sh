#!/usr/bin/env bash
# Score submission under load (issue 5's benchmark; README "Performance"). A measurement,
# not a test. Runs the release server on a fresh SQLite file (synchronous=FULL) with the
# whole stack on (session cookie, CSRF check, authorisation, audit row), signs in the demo
# young person, and drives POST /api/save_session_score with oha at fixed rates with
# latency correction; then the same store insert made directly (the ceiling).
# Needs: cargo build --release -p server; oha (cargo install oha --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RATE:-20}
bin=target/release/waypoint
[ -x "$bin" ] || { echo "no release server: cargo build --release -p server" >&2; exit 1; }
command -v oha >/dev/null || { echo "oha is missing: cargo install oha --locked" >&2; exit 1; }

tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
WAYPOINT_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$tmp/db?mode=rwc" WAYPOINT_DEMO_DATA=true \
  WAYPOINT_SITE_ROOT=target/site RUST_LOG=error "$bin" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
until curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done

jar="$tmp/cookies"
curl -sf -c "$jar" -b "$jar" -o /dev/null -d "code=AMARA-PENHA&pin=402719&pin_again=402719" "$base/api/redeem_invitation"
home=$(curl -sf -b "$jar" -d "" "$base/api/young_person_home")
yp=$(printf '%s' "$home" | python3 -c 'import json,sys; print(json.load(sys.stdin)["young_person"])')
cohort=$(printf '%s' "$home" | python3 -c 'import json,sys; print(json.load(sys.stdin)["programmes"][0]["cohort"])')
cookie=$(awk '$6 == "waypoint_session" { print "waypoint_session=" $7 }' "$jar")
body="young_person=$yp&cohort=$cohort&session=5&stage=start&score=5"

run() { # rate (0 = as fast as it goes, closed loop)
  local rate=$1 extra=()
  [ "$rate" -gt 0 ] && extra=(-q "$rate" --latency-correction)
  oha --no-tui --output-format json -z "${seconds}s" -c 32 "${extra[@]}" -m POST \
    -H "Cookie: $cookie" -H "Accept: application/json" -T application/x-www-form-urlencoded \
    -d "$body" "$base/api/save_session_score" > "$tmp/out.json"
  python3 - "$tmp/out.json" "$rate" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); rate = int(sys.argv[2])
s = r["summary"]; p = r["latencyPercentiles"]; codes = r.get("statusCodeDistribution", {})
ms = lambda v: f"{v * 1000:.1f} ms" if v is not None else "n/a"
label = f"{rate}/s fixed rate" if rate else "closed loop (32 connections)"
print(f"{label}: {s['requestsPerSec']:.0f} req/s, p50 {ms(p['p50'])}, p99 {ms(p['p99'])}, "
      f"p99.9 {ms(p['p99.9'])}, success {s['successRate'] * 100:.1f} %, statuses {codes}")
PY
}

echo "HTTP, whole stack, ${seconds} s per run:"
for rate in 500 1000 2000 0; do run "$rate"; done
echo
cargo bench -q -p server --bench direct_insert -- "$seconds" 2>/dev/null
