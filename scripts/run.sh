#!/usr/bin/env bash
# Installs what is missing, builds Waypoint (release) and serves it with the fictional demo
# service at http://127.0.0.1:3000 (data in data/waypoint.db; delete it to start afresh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-site.sh release
cargo build --release -p server --quiet

export WAYPOINT_DEMO_DATA="${WAYPOINT_DEMO_DATA:-true}"
export WAYPOINT_SITE_ROOT="${WAYPOINT_SITE_ROOT:-target/site}"
exec target/release/waypoint
