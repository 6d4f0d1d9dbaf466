#!/usr/bin/env bash
# Installs what is missing, builds Waypoint (release) and serves it with the fictional demo
# service at http://127.0.0.1:3000 (data in data/waypoint.db; delete it to start afresh).
#
#   scripts/run.sh              SQLite, the default
#   scripts/run.sh --postgres   a throwaway PostgreSQL started for this run and deleted after
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-site.sh release
cargo build --release -p server --quiet

export WAYPOINT_DEMO_DATA="${WAYPOINT_DEMO_DATA:-true}"
export WAYPOINT_SITE_ROOT="${WAYPOINT_SITE_ROOT:-target/site}"
if [ "${1:-}" = --postgres ]; then
  exec scripts/with-postgres.sh --durable target/release/waypoint
fi
exec target/release/waypoint
