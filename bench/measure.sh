#!/usr/bin/env bash
# Prints Waypoint's sizes, start-up time, and its pages' timings on an emulated cheap phone
# and under Lighthouse (README, "Performance"). Measurements, not tests: nothing here passes
# or fails. Needs a built site and server (scripts/build-site.sh
# release; cargo build --release -p server).
set -euo pipefail
cd "$(dirname "$0")/.."

site=target/site
bin=target/release/waypoint
[ -f "$site/hash.txt" ] || { echo "no built site: run scripts/build-site.sh release" >&2; exit 1; }
[ -x "$bin" ] || { echo "no release server: cargo build --release -p server" >&2; exit 1; }

size() { stat -c %s "$1"; }
echo "release assets (bytes): raw / gzip -9 / brotli -q 11"
total_br=0
for kind in wasm js css; do
  f=$(ls "$site"/pkg/waypoint.*."$kind")
  printf '  %-5s %9s %9s %9s\n' "$kind" "$(size "$f")" "$(size "$f.gz")" "$(size "$f.br")"
  total_br=$((total_br + $(size "$f.br")))
done
echo "  wasm + js + css, brotli: $total_br"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
port=$((20000 + RANDOM % 20000))
echo
echo "server start-up: process start to first healthy /healthz (fresh database, migrations and demo seed included)"
for i in 1 2 3 4 5; do
  rm -f "$tmp"/db*
  start=$(date +%s%N)
  WAYPOINT_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$tmp/db?mode=rwc" WAYPOINT_DEMO_DATA=true \
    WAYPOINT_SITE_ROOT="$site" RUST_LOG=warn "$bin" &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.005; done
  end=$(date +%s%N)
  echo "  run $i: $(( (end - start) / 1000000 )) ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

# Each browser benchmark signs in with the demo's one-time codes, so each gets a freshly
# seeded server of its own.
fresh_server() {
  rm -f "$tmp"/db*
  WAYPOINT_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$tmp/db?mode=rwc" WAYPOINT_DEMO_DATA=true \
    WAYPOINT_SITE_ROOT="$site" RUST_LOG=warn "$bin" &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
}

echo
echo "pages on an emulated cheap phone (bench/phone.mjs)"
fresh_server
node bench/phone.mjs "http://127.0.0.1:$port"
kill "$pid"; wait "$pid" 2>/dev/null || true

echo
echo "Lighthouse, mobile settings (bench/lighthouse.mjs)"
(cd bench && npm ci --no-audit --no-fund --loglevel=error)
fresh_server
node bench/lighthouse.mjs "http://127.0.0.1:$port"
kill "$pid"; wait "$pid" 2>/dev/null || true
